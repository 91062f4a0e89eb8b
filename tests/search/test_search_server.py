"""The search-server path against a real server process: osmem-server, an
OpenSearch-compatible server, through the opensearch3 backend with the
Chinese analysis of search.backends. The database index is kept as the
fallback, and answers when the server goes away mid-test."""

from __future__ import annotations

import json
import os
import urllib.request

import pytest
from django.core.management import call_command
from osmem_server import OsmemServer

from tests.search.conftest import FIRST_RESULT_QUERIES, search

pytestmark = pytest.mark.django_db

INDEX = "lifelong_test_"


@pytest.fixture(scope="module")
def osmem() -> OsmemServer:
    server = OsmemServer.start(japanese=False)
    yield server
    server.close()


@pytest.fixture
def search_server(osmem, settings):
    clone = osmem.clone()
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.opensearch3",
            "URLS": [clone.url],
            "INDEX_PREFIX": INDEX,
            "TIMEOUT": 2,
        },
        "fallback": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"},
    }
    yield clone
    clone.close()


@pytest.fixture
def indexed(search_server, corpus):
    call_command("update_index", verbosity=0)
    return corpus


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


def test_the_index_is_created_with_the_chinese_analyzer(search_server, indexed):
    settings = json.dumps(_get(f"{search_server.url}/_all/_settings"))
    assert "lifelong_zh" in settings and "cjk_bigram" in settings
    request = urllib.request.Request(
        f"{search_server.url}/{INDEX}site_search_searchentry/_analyze",
        data=json.dumps({"analyzer": "lifelong_zh", "text": "沈阳举行"}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        tokens = [
            t["token"]
            for t in json.loads(urllib.request.urlopen(request, timeout=5).read())["tokens"]
        ]
    except urllib.error.HTTPError:
        indices = list(_get(f"{search_server.url}/_all/_settings"))
        pytest.fail(f"no search-entry index among {indices}")
    assert "沈阳" in tokens


@pytest.mark.parametrize(("query", "expected"), FIRST_RESULT_QUERIES)
def test_chinese_queries_on_the_search_server(indexed, site_tree, query, expected):
    outcome = search(query, site_tree.zh)
    assert outcome.backend == "default" and outcome.degraded == ""
    assert outcome.hits[0].entry.page_id == getattr(indexed, expected).pk


def test_topics_english_filters_and_privacy_on_the_search_server(indexed, site_tree):
    stars = {hit.entry.page_id for hit in search("学习之星", site_tree.zh).hits}
    assert {indexed.ceremony.pk, indexed.star.pk} <= stars
    english = search("opening ceremony Shenyang", site_tree.en)
    assert english.hits[0].entry.page_id == indexed.ceremony_en.pk
    found = search("沈阳", site_tree.zh)
    ids = {hit.entry.page_id for hit in found.hits}
    assert indexed.private.pk not in ids and indexed.draft.pk not in ids
    assert {v.value: v.count for v in found.facets["year"]} == {"2024": 4, "2023": 1}
    notices = search("沈阳", site_tree.zh, type="notice")
    assert [hit.entry.page_id for hit in notices.hits] == [indexed.notice.pk]


def test_a_two_character_word_is_not_matched_character_by_character(indexed, site_tree):
    from tests.factories.news import PressReleasePageFactory
    from tests.search.conftest import paragraphs, publish

    scattered = publish(
        PressReleasePageFactory(
            parent=indexed.ceremony.get_parent(),
            title="线上学习资源进海南乡村",
            body=paragraphs("线上课程覆盖海南。"),
        )
    )
    call_command("update_index", verbosity=0)
    ids = {hit.entry.page_id for hit in search("上海", site_tree.zh).hits}
    assert scattered.pk not in ids


def test_facets_list_every_year_not_only_ten(indexed, site_tree):
    import datetime as dt

    from django.utils import timezone

    from tests.factories.news import PressReleasePageFactory
    from tests.search.conftest import publish

    for year in range(2005, 2017):
        publish(
            PressReleasePageFactory(
                parent=indexed.ceremony.get_parent(),
                title=f"{year}年沈阳社区教育活动",
                published_at=timezone.make_aware(dt.datetime(year, 5, 1, 9, 0)),
            )
        )
    call_command("update_index", verbosity=0)
    years = {value.value for value in search("沈阳", site_tree.zh).facets["year"]}
    assert {str(year) for year in range(2005, 2017)} | {"2023", "2024"} <= years


def test_page_answers_from_the_database_when_the_server_stops(client, search_server, indexed):
    assert "搜索服务暂时受限" not in client.get("/search/", {"q": "沈阳"}).content.decode()
    search_server.close()  # the server goes away mid-test
    response = client.get("/search/", {"q": "沈阳"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "搜索服务暂时受限" in html
    assert "开幕式在<mark>沈阳</mark>举行" in html
    api = client.get("/api/search/", {"q": "沈阳"})
    assert api.status_code == 200 and api.json()["degraded"] == "fallback"


def test_page_says_search_is_unavailable_when_no_backend_answers(
    client, search_server, indexed, settings
):
    search_server.close()
    settings.WAGTAILSEARCH_BACKENDS = {"default": settings.WAGTAILSEARCH_BACKENDS["default"]}
    response = client.get("/search/", {"q": "沈阳"})
    assert response.status_code == 200
    assert "搜索服务暂时不可用" in response.content.decode()


@pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"),
    reason="needs a real Elasticsearch 9: set ELASTICSEARCH_URL",
)
def test_elasticsearch9_backend_indexes_and_finds_chinese(settings, corpus, site_tree):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.elasticsearch9",
            "URLS": [os.environ["ELASTICSEARCH_URL"]],
            "INDEX_PREFIX": "lifelong_test_",
            "TIMEOUT": 5,
        },
    }
    call_command("update_index", verbosity=0)
    outcome = search("沈阳", site_tree.zh)
    assert outcome.degraded == "" and outcome.hits[0].entry.page_id == corpus.ceremony.pk
