"""Popular searches (大家都在搜) are a list editors approve, never what a
visitor can push in by repeating a query; the query log stays bounded and a
failure to log never fails a search."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

from tests.factories.site import UserFactory

pytestmark = pytest.mark.django_db

ONE_CLIENT = "203.0.113.7"


def popular_on_page(client, path: str = "/search/") -> list[str]:
    """The terms listed under 大家都在搜 (Popular searches) on a search page."""
    html = client.get(path).content.decode()
    section = re.search(r'<section class="search-popular".*?</section>', html, re.S)
    return re.findall(r"<li><a [^>]*>([^<]*)</a></li>", section.group(0)) if section else []


def suggested(client, typed: str, lang: str = "zh-hans") -> list[str]:
    return client.get("/api/search/suggest/", {"q": typed, "lang": lang}).json()["queries"]


def search_from(client, query: str, address: str, path: str = "/search/", **headers) -> None:
    response = client.get(path, {"q": query}, REMOTE_ADDR=address, **headers)
    assert response.status_code == 200


def searched_by_distinct_clients(client, query: str, count: int, path: str = "/search/") -> None:
    for n in range(count):
        search_from(client, query, f"198.51.100.{n + 1}", path)


def popular_row(term: str, language: str = "zh-hans"):
    from search.models import PopularSearch

    return PopularSearch.objects.filter(term=term, language=language).first()


# --- Nobody pushes text into the list -------------------------------------------


def test_one_client_repeating_a_query_does_not_make_it_popular(client, corpus):
    for n in range(50):
        search_from(client, "开幕式", ONE_CLIENT, "/search/" if n % 2 else "/api/search/")
    assert "开幕式" not in popular_on_page(client)
    assert "开幕式" not in suggested(client, "开幕")
    assert popular_row("开幕式") is None


def test_headers_a_client_sets_do_not_make_it_several_clients(client, corpus, settings):
    settings.CLIENT_IP_HEADER = ""
    for n in range(6):
        search_from(
            client,
            "开幕式",
            ONE_CLIENT,
            HTTP_X_REAL_IP=f"192.0.2.{n}",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    assert popular_row("开幕式") is None


def test_distinct_clients_make_a_candidate_that_is_not_shown_until_approved(client, corpus):
    searched_by_distinct_clients(client, "开幕式", 4)
    assert popular_row("开幕式") is None, "four clients are not enough"
    searched_by_distinct_clients(client, "开幕式", 5)
    row = popular_row("开幕式")
    assert row is not None and row.status == "candidate"
    assert row.clients == 5 and row.results >= 1 and row.last_seen == timezone.localdate()
    assert "开幕式" not in popular_on_page(client)
    assert "开幕式" not in suggested(client, "开幕")


def test_the_proxy_header_counts_clients_when_it_is_configured(client, corpus, settings):
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    for n in range(5):
        search_from(client, "开幕式", "127.0.0.1", HTTP_X_REAL_IP=f"198.51.100.{n + 1}")
    assert popular_row("开幕式").clients == 5


def test_a_query_that_finds_nothing_never_becomes_a_candidate(client, corpus):
    searched_by_distinct_clients(client, "zzzqqq", 6)
    assert popular_row("zzzqqq") is None


def test_an_approved_query_is_shown_in_its_language_only(client, corpus):
    searched_by_distinct_clients(client, "开幕式", 5)
    row = popular_row("开幕式")
    row.status = "approved"
    row.save()
    assert "开幕式" in popular_on_page(client)
    assert "开幕式" in suggested(client, "开幕")
    assert "开幕式" not in popular_on_page(client, "/en/search/")
    assert "开幕式" not in suggested(client, "开幕", lang="en")
    # English readers' searches are candidates for the English list.
    searched_by_distinct_clients(client, "ceremony", 5, path="/en/search/")
    english = popular_row("ceremony", "en")
    assert english.status == "candidate"
    english.status = "approved"
    english.save()
    assert "ceremony" in popular_on_page(client, "/en/search/")
    assert "ceremony" not in popular_on_page(client)


def test_a_banned_query_never_shows_and_never_comes_back(client, corpus):
    from search.models import PopularSearch, SearchTermClient

    searched_by_distinct_clients(client, "开幕式", 5)
    row = popular_row("开幕式")
    row.status = "banned"
    row.save()
    stored = SearchTermClient.objects.count()
    for n in range(10):
        search_from(client, "开幕式", f"192.0.2.{n + 10}")
    row.refresh_from_db()
    assert row.status == "banned"
    assert SearchTermClient.objects.count() == stored, "a banned query's clients are not recorded"
    # Banned in one language, it is not shown in the other either.
    PopularSearch.objects.create(term="开幕式", language="en", status="approved")
    assert "开幕式" not in popular_on_page(client)
    assert "开幕式" not in popular_on_page(client, "/en/search/")
    assert "开幕式" not in suggested(client, "开幕") + suggested(client, "开幕", lang="en")
    call_command("prune_search_log", stdout=StringIO())
    row.refresh_from_db()
    assert row.status == "banned"


def test_clients_are_stored_as_keyed_hashes_never_addresses(client, corpus):
    from search.models import SearchTermClient

    searched_by_distinct_clients(client, "开幕式", 3)
    hashes = list(SearchTermClient.objects.values_list("client", flat=True))
    assert len(hashes) == 3 and all(re.fullmatch(r"[0-9a-f]{16}", value) for value in hashes)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {SearchTermClient._meta.db_table}")
        assert "198.51.100" not in repr(cursor.fetchall())


# --- Bounded log ---------------------------------------------------------------------


def test_a_clients_51st_distinct_query_of_the_day_is_not_logged(client, corpus):
    for n in range(51):
        search_from(client, f"测试{n}", ONE_CLIENT, "/api/search/")
    assert Query.objects.filter(query_string="测试49").exists()
    assert not Query.objects.filter(query_string="测试50").exists()
    # A query it already logged today still counts; another client is not limited.
    search_from(client, "测试3", ONE_CLIENT, "/api/search/")
    assert Query.objects.get(query_string="测试3").hits == 2
    search_from(client, "测试50", "198.51.100.200", "/api/search/")
    assert Query.objects.filter(query_string="测试50").exists()


@pytest.mark.parametrize(
    "query",
    [
        "\x01\x02\x03\x04沈阳",
        "沈阳\x00\x07",
        "学" * 101,
        "沈阳 " + "a" * 100,
        "https://spam.example/buy-now",
        "沈阳 www.spam.example",
        "buy cheap pills at spam-shop.com",
        "沈阳 13912345678",
    ],
)
def test_overlong_control_character_url_and_number_queries_are_not_logged(client, corpus, query):
    search_from(client, query, ONE_CLIENT)
    search_from(client, query, ONE_CLIENT, "/api/search/")
    assert Query.objects.count() == 0
    assert QueryDailyHits.objects.count() == 0


def test_a_query_at_the_length_cap_is_logged(client, corpus):
    search_from(client, "学" * 100, ONE_CLIENT)
    assert Query.objects.filter(query_string="学" * 100).exists()


def test_the_prune_command_deletes_rows_older_than_the_retention(client, corpus):
    from search.models import PopularSearch, SearchTermDay
    from search.popular import RETENTION_DAYS

    today = timezone.localdate()
    old = today - dt.timedelta(days=RETENTION_DAYS + 1)
    recent = today - dt.timedelta(days=RETENTION_DAYS - 1)
    stale, kept, promoted = Query.get("旧词"), Query.get("近期词"), Query.get("活动周通知")
    for query in (stale, kept, promoted):
        QueryDailyHits.objects.create(query=query, date=old, hits=3)
    QueryDailyHits.objects.create(query=kept, date=recent, hits=2)
    SearchPromotion.objects.create(query=promoted, page=corpus.notice, sort_order=0)
    SearchTermDay.objects.create(term="旧词", language="zh-hans", date=old, clients=9, results=1)
    SearchTermDay.objects.create(
        term="近期词", language="zh-hans", date=recent, clients=2, results=1
    )
    PopularSearch.objects.create(
        term="旧词", language="zh-hans", status="candidate", clients=9, last_seen=old
    )
    PopularSearch.objects.create(
        term="编辑选的词", language="zh-hans", status="approved", last_seen=old
    )
    SearchTermDay.objects.create(
        term="learning week", language="en", date=today, clients=6, results=2
    )

    call_command("prune_search_log", stdout=StringIO())

    assert not QueryDailyHits.objects.filter(
        date__lt=today - dt.timedelta(days=RETENTION_DAYS)
    ).exists()
    assert QueryDailyHits.objects.filter(query=kept, date=recent).exists()
    assert not Query.objects.filter(pk=stale.pk).exists()
    assert Query.objects.filter(pk=promoted.pk).exists(), (
        "a query with a promoted result is the editors'"
    )
    assert sorted(SearchTermDay.objects.values_list("term", flat=True)) == [
        "learning week",
        "近期词",
    ]
    proposed = PopularSearch.objects.get(term="learning week", language="en")
    assert (proposed.status, proposed.clients, proposed.results) == ("candidate", 6, 2), (
        "the recount proposes it"
    )
    assert not PopularSearch.objects.filter(term="旧词").exists(), "a stale candidate goes"
    assert PopularSearch.objects.filter(term="编辑选的词", status="approved").exists(), (
        "an editor's decision stays"
    )


def test_the_prune_command_forgets_client_hashes_after_the_day(client, corpus):
    import time_machine

    from search.models import SearchTermClient, SearchTermDay

    searched_by_distinct_clients(client, "开幕式", 5)
    assert SearchTermClient.objects.count() == 5
    with time_machine.travel(timezone.now() + dt.timedelta(days=3), tick=False):
        call_command("prune_search_log", stdout=StringIO())
    assert SearchTermClient.objects.count() == 0
    # The day's count outlives the hashes, and the candidate keeps its clients
    # while the day is inside the window.
    assert SearchTermDay.objects.get(term="开幕式").clients == 5
    assert popular_row("开幕式").clients == 5


# --- Never fails a search ------------------------------------------------------------


def test_a_failure_to_log_never_fails_the_search(client, corpus, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("log is broken")

    monkeypatch.setattr("search.popular._add_hit", broken)
    response = client.get("/search/", {"q": "沈阳"})
    assert (
        response.status_code == 200 and "开幕式在<mark>沈阳</mark>举行" in response.content.decode()
    )
    assert client.get("/api/search/", {"q": "沈阳"}).status_code == 200


def test_a_database_error_while_logging_leaves_the_search_working(client, corpus):
    """The log's table is gone (inside the test's transaction): logging fails
    in the database, and the rest of the request must not notice."""
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {QueryDailyHits._meta.db_table} RENAME TO query_log_gone")
    response = client.get("/search/", {"q": "沈阳"})
    assert (
        response.status_code == 200 and "开幕式在<mark>沈阳</mark>举行" in response.content.decode()
    )
    assert client.get("/api/search/", {"q": "开幕式"}).status_code == 200


# --- Editors -------------------------------------------------------------------------


def test_editors_see_candidates_and_approve_hide_or_ban_them(client, corpus, admin_user):
    searched_by_distinct_clients(client, "开幕式", 5)
    searched_by_distinct_clients(client, "沈阳", 5)
    searched_by_distinct_clients(client, "终身学习", 5)
    client.force_login(admin_user)
    listing = client.get(reverse("popular_searches:index"), {"status": "candidate"})
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "开幕式" in html and "沈阳" in html and "不同访客" in html

    moderate = lambda term, action: client.post(  # noqa: E731
        reverse("popular_searches:moderate", args=[popular_row(term).pk]), {"action": action}
    )
    assert moderate("开幕式", "approve").status_code == 302
    assert moderate("沈阳", "hide").status_code == 302
    assert moderate("终身学习", "ban").status_code == 302
    assert [popular_row(t).status for t in ("开幕式", "沈阳", "终身学习")] == [
        "approved",
        "hidden",
        "banned",
    ]
    assert popular_on_page(client) == ["开幕式"]
    assert moderate("开幕式", "nonsense").status_code == 400
    assert (
        client.get(
            reverse("popular_searches:moderate", args=[popular_row("开幕式").pk])
        ).status_code
        == 405
    )


def test_moderation_needs_the_permission(client, corpus):
    searched_by_distinct_clients(client, "开幕式", 5)
    editor = UserFactory(username="no-search-rights")
    editor.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.force_login(editor)
    url = reverse("popular_searches:moderate", args=[popular_row("开幕式").pk])
    assert client.post(url, {"action": "approve"}).status_code in (302, 403)
    assert popular_row("开幕式").status == "candidate"
    assert client.get(reverse("popular_searches:index")).status_code in (302, 403)
    editor.user_permissions.add(Permission.objects.get(codename="change_popularsearch"))
    editor = type(editor).objects.get(pk=editor.pk)  # drop the permission cache
    client.force_login(editor)
    assert client.get(reverse("popular_searches:index")).status_code == 200
    assert client.post(url, {"action": "approve"}).status_code == 302
    assert popular_row("开幕式").status == "approved"


def test_demo_content_approves_popular_searches_in_both_languages(client, site_tree):
    from demo import search as demo
    from demo.report import DemoReport
    from search.models import PopularSearch

    demo.load(DemoReport())
    demo.load(DemoReport())
    approved = PopularSearch.objects.filter(status="approved")
    assert (
        approved.filter(language="zh-hans").count() >= 3
        and approved.filter(language="en").count() >= 2
    )
    assert approved.count() == len(demo.POPULAR_SEARCHES["zh-hans"]) + len(
        demo.POPULAR_SEARCHES["en"]
    )
    assert "终身学习" in popular_on_page(client)
    assert "opening ceremony" in popular_on_page(client, "/en/search/")
    assert "opening ceremony" not in popular_on_page(client)
