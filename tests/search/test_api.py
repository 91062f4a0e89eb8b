"""The JSON search API and the search box's autocomplete."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_api_returns_ordered_results_with_their_facts(client, corpus):
    response = client.get("/api/search/", {"q": "教职成厅函[2024]7号"})
    assert response.status_code == 200
    body = response.json()
    first = body["results"][0]
    assert first["title"] == "教育部等五部门关于举办2024年全民终身学习活动周的通知"
    assert (
        first["type"] == "notice" and first["date"] == "2024-04-08" and first["locale"] == "zh-hans"
    )
    assert (
        first["document_number"] == "教职成厅函〔2024〕7号"
        and first["exact_document_number"] is True
    )
    assert first["url"].endswith("/notices/notice-2024/")
    assert body["total"] >= 1 and body["page"] == 1 and body["facets"]["kind"]


def test_api_english_and_filters(client, corpus):
    body = client.get("/api/search/", {"q": "Shenyang ceremony", "lang": "en"}).json()
    assert body["lang"] == "en"
    assert body["results"][0]["title"].startswith("Opening ceremony of the 2024")
    body = client.get(
        "/api/search/", {"q": "沈阳", "type": "release,notice", "sort": "date"}
    ).json()
    assert (
        body["degraded"] is None
        and len(body["results"]) >= 2
        and {r["type"] for r in body["results"]} <= {"release", "notice"}
    )
    dates = [r["date"] for r in body["results"]]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "q"),
        ({"q": "沈阳", "colour": "red"}, "parameters"),
        ({"q": "沈阳", "year": "20x4"}, "year"),
        ({"q": "沈阳", "type": "video"}, "type"),
        ({"q": "沈阳", "from": "yesterday"}, "from"),
        ({"q": "沈阳", "page": "-1"}, "page"),
        ({"q": "沈阳", "sort": "popular"}, "sort"),
        ({"q": "沈阳", "lang": "fr"}, "lang"),
        ({"q": "沈阳", "region": "../../etc"}, "region"),
    ],
)
def test_api_bad_parameters_give_400_with_a_message(client, corpus, params, field):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "bad_request" and body["messages"][field]


def test_api_refuses_writes(client, corpus):
    assert client.post("/api/search/", {"q": "沈阳"}).status_code == 405


def test_autocomplete_suggests_titles_in_the_readers_language(client, corpus):
    body = client.get("/api/search/suggest/", {"q": "开幕式"}).json()
    titles = [page["title"] for page in body["pages"]]
    assert "2024年全民终身学习活动周开幕式在沈阳举行" in titles
    assert "沈阳内部通报：仅限登录查看" not in titles
    english = client.get("/api/search/suggest/", {"q": "opening", "lang": "en"}).json()
    assert [page["url"] for page in english["pages"]] == [corpus.ceremony_en.url]
    assert client.get("/api/search/suggest/", {"q": "x", "bogus": "1"}).status_code == 400


def test_api_answers_in_a_bounded_number_of_queries(client, corpus, django_assert_max_num_queries):
    # 29 before the all-words check of a query of several words
    # (search.service.holds_all_words: five statements, about a millisecond),
    # which spares a misspelt common word its second broad search.
    with django_assert_max_num_queries(34):
        assert client.get("/api/search/", {"q": "沈阳 开幕式"}).status_code == 200
