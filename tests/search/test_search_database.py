"""Search through the database backend (PostgreSQL under `make test`,
SQLite under `make test-sqlite`): the words readers type find the right page
first, filters and counts agree, and nothing unpublished or private appears."""

from __future__ import annotations

import pytest
from django.db import connection
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from search.models import Kind, SearchEntry
from tests.search.conftest import FIRST_RESULT_QUERIES, search

pytestmark = pytest.mark.django_db


def first_page_id(outcome) -> int | None:
    return outcome.hits[0].entry.page_id if outcome.hits else None


@pytest.mark.parametrize(
    ("query", "expected"),
    [*FIRST_RESULT_QUERIES, ("教职成厅函2024 7号", "notice"), ("教职成厅函20247号", "notice")],
)
def test_chinese_queries_put_the_right_page_first(corpus, site_tree, query, expected):
    outcome = search(query, site_tree.zh)
    assert outcome.degraded == ""
    assert first_page_id(outcome) == getattr(corpus, expected).pk, [
        h.entry.display_title for h in outcome.hits
    ]


def test_document_number_match_is_marked_exact(corpus, site_tree):
    outcome = search("教职成厅函[2024]7号", site_tree.zh)
    assert outcome.hits[0].exact and not any(hit.exact for hit in outcome.hits[1:])


def test_topic_words_find_pages_that_contain_them_inside_longer_words(corpus, site_tree):
    lifelong = {hit.entry.page_id for hit in search("终身学习", site_tree.zh).hits}
    assert {corpus.ceremony.pk, corpus.chongqing.pk, corpus.week.pk} <= lifelong
    stars = {hit.entry.page_id for hit in search("学习之星", site_tree.zh).hits}
    assert {corpus.ceremony.pk, corpus.star.pk} <= stars
    assert corpus.older_notice.pk not in stars


def test_all_words_rank_before_some_words(corpus, site_tree):
    outcome = search("重庆 开幕式", site_tree.zh)
    ids = [hit.entry.page_id for hit in outcome.hits]
    assert ids[0] == corpus.chongqing.pk
    # Pages with only one of the words still come, after it.
    assert corpus.ceremony.pk in ids[1:]


def test_english_query_finds_the_english_page_only(corpus, site_tree):
    outcome = search("opening ceremony Shenyang", site_tree.en)
    assert first_page_id(outcome) == corpus.ceremony_en.pk
    assert all(hit.entry.locale_id == site_tree.en.pk for hit in outcome.hits)
    assert "/en/" in outcome.hits[0].url


def test_unpublished_and_private_pages_never_appear(corpus, site_tree):
    found = {hit.entry.page_id for hit in search("沈阳", site_tree.zh).hits}
    assert corpus.draft.pk not in found and corpus.private.pk not in found
    assert not SearchEntry.objects.get(pk=corpus.private.pk).is_public


def test_unpublish_move_and_delete_keep_entries_in_step(corpus, site_tree):
    corpus.chongqing.unpublish()
    assert corpus.chongqing.pk not in {h.entry.page_id for h in search("重庆", site_tree.zh).hits}
    corpus.chongqing.save_revision().publish()
    assert first_page_id(search("重庆", site_tree.zh)) == corpus.chongqing.pk
    # Moving the star out from under its week drops the week's year from its entry.
    corpus.star.move(Page.objects.get(pk=corpus.ceremony.get_parent().pk), pos="last-child")
    assert SearchEntry.objects.get(pk=corpus.star.pk).campaign_week_id is None
    star_pk = corpus.star.pk
    Page.objects.get(pk=star_pk).delete()
    assert not SearchEntry.objects.filter(pk=star_pk).exists()


def test_filters_and_counts_agree(corpus, site_tree):
    outcome = search("沈阳", site_tree.zh)
    kinds = {value.value: value.count for value in outcome.facets["kind"]}
    # The week page names its host city, 沈阳.
    assert kinds == {Kind.RELEASE: 2, Kind.NOTICE: 1, Kind.STAR: 1, Kind.WEEK: 1}
    years = {value.value: value.count for value in outcome.facets["year"]}
    assert years == {"2024": 4, "2023": 1}
    only_notices = search("沈阳", site_tree.zh, type="notice")
    assert [h.entry.page_id for h in only_notices.hits] == [corpus.notice.pk]
    # A facet ignores its own filter, so the reader can switch type.
    assert {v.value: v.count for v in only_notices.facets["kind"]} == kinds
    liaoning = search("沈阳", site_tree.zh, region="liaoning")
    assert {h.entry.page_id for h in liaoning.hits} == {corpus.ceremony.pk, corpus.star.pk}
    in_2023 = search("沈阳", site_tree.zh, year="2023")
    assert [h.entry.page_id for h in in_2023.hits] == [corpus.chongqing.pk]
    dated = search("沈阳", site_tree.zh, **{"from": "2024-04-01", "to": "2024-04-30"})
    assert {h.entry.page_id for h in dated.hits} == {corpus.ceremony.pk, corpus.notice.pk}


def test_sort_by_date_puts_newest_first(corpus, site_tree):
    outcome = search("开幕式", site_tree.zh, sort="date")
    dates = [hit.entry.date for hit in outcome.hits]
    assert outcome.degraded == "" and len(dates) >= 3
    assert dates == sorted(dates, reverse=True)


def test_snippets_mark_the_query_words(corpus, site_tree):
    hit = search("沈阳", site_tree.zh).hits[0]
    assert "<mark>沈阳</mark>" in str(hit.title)
    assert "<mark>沈阳</mark>" in str(hit.snippet)


def test_search_page_shows_results_filters_and_logs_the_query(client, corpus):
    response = client.get("/search/", {"q": "沈阳"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2024年全民终身学习活动周开幕式在<mark>沈阳</mark>举行" in html
    assert 'name="type"' in html and "新闻稿 (2)" in html
    assert Query.objects.get(query_string="沈阳").hits == 1


def test_english_search_page_is_in_english(client, corpus):
    response = client.get("/en/search/", {"q": "Shenyang"})
    assert response.status_code == 200
    assert 'lang="en"' in response.content.decode()
    assert "Opening ceremony of the 2024" in response.content.decode()


def test_promoted_result_comes_first(client, corpus):
    query = Query.get("活动周通知")
    SearchPromotion.objects.create(
        query=query, page=corpus.older_notice, sort_order=0, description="往年通知"
    )
    html = client.get("/search/", {"q": "活动周通知"}).content.decode()
    assert html.index("关于举办2023年全民终身学习活动周的通知") < html.index("search-results")


def test_a_typo_is_corrected_when_nothing_matches(client, corpus):
    response = client.get("/search/", {"q": "沈杨"})
    html = response.content.decode()
    assert "以下是“沈阳”的结果" in html
    assert "开幕式在<mark>沈阳</mark>举行" in html


def test_no_results_page_offers_help_and_popular_queries(client, corpus):
    from search.models import PopularSearch

    PopularSearch.objects.create(term="终身学习", language="zh-hans", status="approved")
    html = client.get("/search/", {"q": "zzzqqq"}).content.decode()
    assert "没有找到与“zzzqqq”相关的内容" in html
    assert "大家都在搜" in html and "终身学习" in html


@pytest.mark.parametrize(
    "query_string",
    [
        "q=沈阳&year=abc",
        "q=沈阳&type=nonsense",
        "q=沈阳&from=2024-13-01",
        "q=沈阳&page=0",
        "q=沈阳&sort=random",
        "q=沈阳&from=2024-05-01&to=2024-04-01",
        "q=沈阳&region=<script>",
    ],
)
def test_bad_parameters_on_the_page_give_400_with_a_message(client, corpus, query_string):
    response = client.get("/search/?" + query_string)
    assert response.status_code == 400
    html = response.content.decode()
    assert "搜索条件有误" in html and "<script>" not in html.split("<main")[-1].split("</main>")[
        0
    ].replace("<script", "", html.count("<script") - 1)


def test_control_characters_and_huge_queries_do_not_fail(client, corpus):
    assert client.get("/search/", {"q": "\x00沈阳\x07" + "学" * 5000}).status_code == 200


def test_year_and_region_find_pages_that_only_say_so_in_their_fields(corpus, site_tree):
    # The star's text names neither 2024 nor 辽宁: its week and region field do.
    assert corpus.star.pk in {h.entry.page_id for h in search("2024 学习之星", site_tree.zh).hits}
    assert corpus.star.pk in {h.entry.page_id for h in search("辽宁 王秀兰", site_tree.zh).hits}


def test_a_variant_word_is_corrected_when_no_page_holds_all_words(client, corpus):
    html = client.get("/search/", {"q": "终生学习"}).content.decode()
    assert "以下是“终身学习”的结果" in html


def test_popular_queries_report_lists_what_readers_searched(client, corpus, admin_user):
    from django.urls import reverse

    client.get("/search/", {"q": "重庆"})
    client.get("/search/", {"q": "重庆"})
    client.force_login(admin_user)
    response = client.get(reverse("wagtailsearchpromotions:search_terms"))
    assert response.status_code == 200
    assert "重庆" in response.content.decode()
    assert Query.objects.get(query_string="重庆").hits == 2


@pytest.mark.postgres
def test_postgresql_full_text_match_can_use_the_title_body_index(corpus, site_tree):
    """Wagtail's PostgreSQL backend matches `(title || body) @@ query`;
    without an index on that expression every search reads the whole table.
    With sequential scans switched off the planner must reach the rows
    through that index."""
    results = SearchEntry.objects.filter(locale=site_tree.zh).search("沈阳", backend="default")
    sql, _params = results[:10].get_queryset().query.sql_with_params()
    matched_expression = '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body")'
    assert matched_expression in sql  # the backend still matches this expression
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            f"EXPLAIN SELECT id FROM wagtailsearch_indexentry WHERE {matched_expression} @@ %s::tsquery",
            ["沈阳"],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "lifelong_indexentry_title_body_gin" in plan, plan


@pytest.mark.postgres
def test_postgresql_join_to_search_entries_can_use_the_page_id_text_index(corpus, site_tree):
    """The backend joins the entries by ``page_id`` cast to text; an index on
    that expression turns a read of every entry into one lookup per match."""
    results = SearchEntry.objects.filter(locale=site_tree.zh).search("沈阳", backend="default")
    sql, _params = results[:10].get_queryset().query.sql_with_params()
    joined_expression = '("site_search_searchentry"."page_id")::varchar(50)'
    assert joined_expression in sql
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            f"EXPLAIN SELECT 1 FROM site_search_searchentry WHERE {joined_expression}::text = %s",
            ["42"],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "site_search_entry_page_id_text" in plan, plan


@pytest.mark.parametrize(("query", "expected"), FIRST_RESULT_QUERIES)
def test_broad_results_ranked_by_title_still_put_the_right_page_first(
    corpus, site_tree, monkeypatch, query, expected
):
    """Above TITLE_RANKING_ABOVE matches PostgreSQL ranks by title alone;
    forcing that path on the test corpus must not lose the right answer."""
    from search import service

    monkeypatch.setattr(service, "TITLE_RANKING_ABOVE", 0)
    outcome = search(query, site_tree.zh)
    assert first_page_id(outcome) == getattr(corpus, expected).pk


def test_title_ranking_reads_only_the_title_vector(site_tree):
    from wagtail.search.backends import get_search_backend

    from search.backends.title_ranking import ranking_backend

    backend = get_search_backend("default")
    ranked = ranking_backend(backend, title_only=True)
    if connection.vendor != "postgresql":
        assert ranked is backend  # other backends are left alone
        return
    entries = SearchEntry.objects.all()
    full_sql = str(backend.search("沈阳", entries)[:10].get_queryset().query)
    title_sql = str(ranked.search("沈阳", entries)[:10].get_queryset().query)
    body = '"wagtailsearch_indexentry"."body"'
    assert body in full_sql.split("ORDER BY")[1]
    assert body not in title_sql.split("ORDER BY")[1]
    assert body in title_sql.split("ORDER BY")[0]  # still matched on
    # The combined vector filters; it is not built for every row as a column.
    assert 'AS "_vector_"' in full_sql and 'AS "_vector_"' not in title_sql
    assert backend.query_compiler_class is not ranked.query_compiler_class


@pytest.mark.postgres
def test_searches_run_with_plain_index_scans_off_and_nothing_else_does(
    corpus, site_tree, monkeypatch
):
    from search import service

    seen = []
    original = service._search

    def spy(*args, **kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_indexscan")
            seen.append(cursor.fetchone()[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(service, "_search", spy)
    assert search("沈阳", site_tree.zh).hits
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_indexscan")
        after = cursor.fetchone()[0]
    assert seen == ["off"] and after == "on"
