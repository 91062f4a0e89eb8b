"""Searches too broad to count (search.service.APPROXIMATE_ABOVE): on
PostgreSQL a word on most of the archive is counted only up to the
threshold ("more than 2,000"), its filters list their values without
counts, and its top results come from the pages whose title holds it —
the same top as the full ranking, which ranks those titles first anyway.
The threshold is lowered here so that the small corpus is "broad"."""

from __future__ import annotations

import pytest
from django.db import connection

from search import service
from tests.search.conftest import search

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

QUERY = "终身学习"


@pytest.fixture
def threshold(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("the broad-search path is PostgreSQL's")
    monkeypatch.setattr(service, "APPROXIMATE_ABOVE", 2)
    return 2


def test_a_broad_search_says_more_than_and_leaves_filters_uncounted(
    corpus, site_tree, threshold, monkeypatch
):
    # As at archive scale, where a word this broad is also past the title
    # ranking's threshold: counted exactly or not, the ranking is by title
    # (a capped total once fell under that threshold and ranked bodies too).
    monkeypatch.setattr(service, "TITLE_RANKING_ABOVE", threshold)
    service.APPROXIMATE_ABOVE = 10_000  # the monkeypatch restores the setting afterwards
    exact = search(QUERY, site_tree.zh)
    assert not exact.approximate and exact.total > 2  # with the real threshold: exact

    service.APPROXIMATE_ABOVE = threshold
    broad = search(QUERY, site_tree.zh)
    assert broad.approximate and broad.total == threshold
    values = [value for values in broad.facets.values() for value in values]
    assert values and all(value.count is None for value in values)
    # The same pages on top: those whose title holds the words.
    assert [hit.entry.page_id for hit in broad.hits][:3] == [
        hit.entry.page_id for hit in exact.hits
    ][:3]


def test_the_page_and_the_api_say_more_than(client, corpus, site_tree, threshold):
    html = client.get("/search/", {"q": QUERY}).content.decode()
    assert "找到 2 多条结果" in html
    assert "(1)" not in html.split('id="filter-type"', 1)[1].split("</select>", 1)[0]
    service.APPROXIMATE_ABOVE = 1  # the English corpus is smaller
    english = client.get("/en/search/", {"q": "learning"}).content.decode()
    assert "More than 1 results" in english and "多条" not in english
    service.APPROXIMATE_ABOVE = threshold
    body = client.get("/api/search/", {"q": QUERY}).json()
    assert body["total"] == 2 and body["total_is_exact"] is False
    assert all(value["count"] is None for value in body["facets"]["kind"])


def test_a_narrow_search_is_still_counted_exactly(corpus, site_tree, threshold):
    outcome = search("王秀兰", site_tree.zh)
    assert not outcome.approximate and outcome.total == 1
    assert all(value.count is not None for values in outcome.facets.values() for value in values)
