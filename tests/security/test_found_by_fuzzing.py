"""Inputs the property-based suites found to give a 500 or the wrong kind of
answer, kept as fixed examples so that they are checked on every run
whatever the generated sample of the day."""

from __future__ import annotations

import pytest

from tests.factories.news import PressReleasePageFactory

pytestmark = pytest.mark.django_db

HUGE_NUMBER = "9" * 5000  # Python's int() refuses more than 4,300 digits


def test_huge_and_odd_numbers_are_a_400_on_search_and_listings(client, news_tree):
    PressReleasePageFactory(parent=news_tree.news)
    for url, params in (
        ("/search/", {"q": "学习", "year": HUGE_NUMBER}),
        ("/search/", {"q": "学习", "page": HUGE_NUMBER}),
        (news_tree.news.url, {"year": HUGE_NUMBER}),
        (news_tree.news.url, {"page": HUGE_NUMBER}),
        (news_tree.news.url, {"page": "²"}),  # str.isdigit() says yes, int() says no
        (news_tree.notices.url + "feed/", {"page": "²"}),
    ):
        assert client.get(url, params).status_code == 400, (url, params)


def test_a_document_id_of_thousands_of_digits_is_a_404(client, site_tree):
    assert client.get(f"/documents/{HUGE_NUMBER}/annex.pdf").status_code == 404
    assert client.get("/documents/99999999999999999999/annex.pdf").status_code == 404


def test_the_json_apis_answer_too_many_parameters_in_json(client, site_tree):
    query = "&".join(f"f{n}=1" for n in range(1100))
    for url in ("/api/search/", "/api/search/suggest/"):
        response = client.get(f"{url}?q=x&{query}")
        assert response.status_code == 400 and response["Content-Type"].startswith(
            "application/json"
        )
        assert response.json()["error"] == "bad_request"
