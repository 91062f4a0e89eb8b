"""The translation status report (报表 → 翻译状态) and the email translators get
when a Chinese page they translated is published again."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.log_actions import LogContext
from wagtail.models import GroupPagePermission, Page
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from lifelong_site.editorial.roles import TRANSLATORS
from lifelong_site.i18n import TranslationState
from lifelong_site.translation import notifications
from lifelong_site.translation.status import source_pages
from lifelong_site.translation.sync_state import translation_state
from lifelong_site.translation.tools import translate_instance
from tests.factories.news import (
    NewsIndexPageFactory,
    NoticeIndexPageFactory,
    NoticePageFactory,
    PressReleasePageFactory,
)
from tests.factories.site import UserFactory

pytestmark = pytest.mark.django_db

STATUS_URL = "/admin/translations/status/"
SHANGHAI = ZoneInfo("Asia/Shanghai")

# The story of the tests' pages, in Beijing time.
SECTIONS_PUBLISHED = dt.datetime(2024, 4, 1, 9, 0, tzinfo=SHANGHAI)
SECTIONS_TRANSLATED = dt.datetime(2024, 4, 1, 15, 0, tzinfo=SHANGHAI)
PUBLISHED = dt.datetime(2024, 4, 10, 10, 0, tzinfo=SHANGHAI)
TRANSLATED = dt.datetime(2024, 4, 11, 16, 0, tzinfo=SHANGHAI)
REPUBLISHED = dt.datetime(2024, 4, 12, 9, 45, tzinfo=SHANGHAI)
# Half past midnight in Beijing is still the previous day in UTC: the date
# filter has to count it on the 20th.
NOTICE_PUBLISHED = dt.datetime(2024, 4, 20, 0, 30, tzinfo=SHANGHAI)


@contextmanager
def frozen_at(moment: dt.datetime) -> Iterator[None]:
    # Travelling to a UTC moment: time_machine would otherwise also switch the
    # process's zone to the moment's own, hiding zone mistakes.
    with time_machine.travel(moment.astimezone(dt.UTC), tick=False):
        yield


def publish(page: Page, at: dt.datetime, user=None) -> Page:
    with frozen_at(at):
        page = Page.objects.get(pk=page.pk).specific
        # The permission to publish is the workflow's business, not these tests'.
        page.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    return Page.objects.get(pk=page.pk).specific


def translate(page: Page, en, at: dt.datetime, *, publish: bool = True) -> Page:
    with frozen_at(at):
        return translate_instance(page, en, {page.title: f"EN {page.title}"}, publish=publish)


# --- The site ------------------------------------------------------------------------


@dataclass
class Sections:
    site_tree: object
    news: Page
    notices: Page
    news_en: Page


@dataclass
class Report(Sections):
    pages: dict[str, Page]


@pytest.fixture
def sections(site_tree) -> Sections:
    """The two sections, both translated: listed as current."""
    news = publish(NewsIndexPageFactory(parent=site_tree.home_zh), SECTIONS_PUBLISHED)
    notices = publish(NoticeIndexPageFactory(parent=site_tree.home_zh), SECTIONS_PUBLISHED)
    news_en = translate(news, site_tree.en, SECTIONS_TRANSLATED)
    translate(notices, site_tree.en, SECTIONS_TRANSLATED)
    return Sections(site_tree=site_tree, news=news, notices=notices, news_en=news_en)


@pytest.fixture
def report(sections) -> Report:
    """A page in every state, an English alias, and a notice."""
    site_tree, news, notices = sections.site_tree, sections.news, sections.notices

    def release(title: str) -> Page:
        return publish(PressReleasePageFactory(parent=news, title=title), PUBLISHED)

    missing = release("未翻译的新闻")
    draft = release("译文草稿中的新闻")
    current = release("译文最新的新闻")
    outdated = release("原文已更新的新闻")
    aliased = release("只有别名的新闻")
    translate(draft, site_tree.en, TRANSLATED, publish=False)
    translate(current, site_tree.en, TRANSLATED)
    translate(outdated, site_tree.en, TRANSLATED)
    outdated = publish(outdated, REPUBLISHED)
    with frozen_at(TRANSLATED):
        aliased.copy_for_translation(site_tree.en, alias=True)
    notice = publish(NoticePageFactory(parent=notices, title="活动周报名通知"), NOTICE_PUBLISHED)
    pages = {
        "missing": missing,
        "draft": draft,
        "current": current,
        "outdated": outdated,
        "aliased": aliased,
        "notice": notice,
    }
    return Report(
        site_tree=site_tree, news=news, notices=notices, news_en=sections.news_en, pages=pages
    )


def english_of(page: Page) -> Page:
    return Page.objects.get(translation_key=page.translation_key, locale__language_code="en")


def source_of(page: Page) -> TranslationSource:
    return TranslationSource.objects.get(object_id=page.translation_key, locale_id=page.locale_id)


# --- Users -----------------------------------------------------------------------------


def admin_access() -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def editor_of(section: Page, username: str = "editor"):
    """An admin user who may only edit one section: no superuser, no translator."""
    group = Group.objects.create(name=f"{username}-group")
    group.permissions.add(admin_access())
    GroupPagePermission.objects.create(
        group=group,
        page=section,
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="change_page"
        ),
    )
    user = UserFactory(username=username)
    user.groups.add(group)
    return user


# --- Reading the report ---------------------------------------------------------------

ROW = re.compile(
    r'<tr data-page-id="(?P<page_id>\d+)" data-state="(?P<state>[a-z]+)">(?P<cells>.*?)</tr>',
    re.DOTALL,
)
LINK = re.compile(r'<a [^>]*href="(?P<href>[^"]*)"[^>]*data-action>(?P<label>[^<]*)</a>')
SUMMARY = re.compile(
    r'<a href="(?P<href>[^"]*)" data-state="(?P<state>[a-z]*)"[^>]*>'
    r".*?<span data-count>(?P<count>\d+)</span>",
    re.DOTALL,
)


@dataclass
class Row:
    page_id: int
    state: str
    text: str
    action_href: str
    action_label: str


def plain_text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def rows(html: str) -> list[Row]:
    found = []
    for match in ROW.finditer(html):
        link = LINK.search(match["cells"])
        assert link, match["cells"]
        found.append(
            Row(
                int(match["page_id"]),
                match["state"],
                plain_text(match["cells"]),
                link["href"].replace("&amp;", "&"),
                link["label"],
            )
        )
    return found


def row_of(html: str, page: Page) -> Row:
    found = [row for row in rows(html) if row.page_id == page.pk]
    assert len(found) == 1, f"expected one row for {page.title}, found {len(found)}"
    return found[0]


def summary(html: str) -> dict[str, tuple[int, str]]:
    """State ("" for all) to its count and link."""
    block = re.search(r"<nav [^>]*data-status-summary>(.*?)</nav>", html, re.DOTALL)
    assert block
    return {
        m["state"]: (int(m["count"]), m["href"].replace("&amp;", "&"))
        for m in SUMMARY.finditer(block.group(1))
    }


def get_html(client, params: dict[str, str] | None = None) -> str:
    response = client.get(STATUS_URL, params or {})
    assert response.status_code == 200
    return response.content.decode()


# --- The query --------------------------------------------------------------------------


def test_the_view_lives_at_the_documented_address():
    assert reverse("localization_status") == STATUS_URL


def test_each_page_gets_the_state_of_its_english_version(report):
    states = dict(source_pages().values_list("pk", "translation_state"))
    pages = report.pages
    assert states == {
        report.news.pk: "current",
        report.notices.pk: "current",
        pages["missing"].pk: "missing",
        pages["draft"].pk: "draft",
        pages["current"].pk: "current",
        pages["outdated"].pk: "outdated",
        pages["aliased"].pk: "missing",
        pages["notice"].pk: "missing",
    }


def test_the_sql_states_follow_the_rule_of_sync_state(report, site_tree):
    """The annotation and `translation_state()` agree page by page, including
    a translation made without wagtail-localize (no TranslationSource)."""
    by_hand = publish(
        PressReleasePageFactory(parent=report.news, title="手工翻译的新闻"), PUBLISHED
    )
    with frozen_at(TRANSLATED):
        english = by_hand.copy_for_translation(site_tree.en)
    publish(english, TRANSLATED)
    publish(by_hand, REPUBLISHED)
    assert not TranslationSource.objects.filter(object_id=by_hand.translation_key).exists()

    annotated = source_pages()
    assert annotated.get(pk=by_hand.pk).translation_state == "outdated"
    for page in annotated:
        english = Page.objects.filter(
            translation_key=page.translation_key, locale=site_tree.en, alias_of__isnull=True
        ).first()
        source = TranslationSource.objects.filter(
            object_id=page.translation_key, locale=page.locale
        ).first()
        expected = translation_state(
            translation_exists=english is not None,
            translation_live=bool(english and english.live),
            source_published_at=page.last_published_at,
            synced_at=source.last_updated_at
            if source
            else (english.last_published_at if english else None),
        )
        assert page.translation_state == expected.value, page.title


def test_outdated_wins_over_draft(report, site_tree):
    page = publish(PressReleasePageFactory(parent=report.news, title="草稿又过时"), PUBLISHED)
    translate(page, site_tree.en, TRANSLATED, publish=False)
    publish(page, REPUBLISHED)
    assert source_pages().get(pk=page.pk).translation_state == "outdated"


def test_only_live_chinese_pages_below_the_home_are_listed(report, site_tree):
    unpublished = PressReleasePageFactory(parent=report.news, title="未发布的新闻", live=False)
    listed = set(source_pages().values_list("pk", flat=True))
    assert unpublished.pk not in listed
    assert site_tree.home_zh.pk not in listed
    assert report.news_en.pk not in listed
    assert english_of(report.pages["current"]).pk not in listed


# --- The view -------------------------------------------------------------------------------


def test_each_state_is_labelled_and_offers_the_next_step(client, report, admin_user):
    client.force_login(admin_user)
    html = get_html(client)
    pages = report.pages

    missing = row_of(html, pages["missing"])
    assert (missing.state, missing.action_label) == ("missing", "翻译")
    assert "未翻译" in missing.text
    assert missing.action_href == reverse(
        "wagtail_localize:submit_page_translation", args=[pages["missing"].pk]
    )

    aliased = row_of(html, pages["aliased"])
    assert (aliased.state, aliased.action_label) == ("missing", "翻译")
    assert aliased.action_href == reverse(
        "wagtail_localize:submit_page_translation", args=[pages["aliased"].pk]
    )

    outdated = row_of(html, pages["outdated"])
    assert (outdated.state, outdated.action_label) == ("outdated", "同步更新")
    assert "已过时" in outdated.text
    assert outdated.action_href == reverse(
        "wagtail_localize:update_translations", args=[source_of(pages["outdated"]).pk]
    )

    for key, label in (("draft", "草稿"), ("current", "最新")):
        row = row_of(html, pages[key])
        assert (row.state, row.action_label) == (key, "编辑译文")
        assert label in row.text
        assert row.action_href == reverse(
            "wagtailadmin_pages:edit", args=[english_of(pages[key]).pk]
        )


def test_rows_name_the_page_its_section_and_the_beijing_publication_time(
    client, report, admin_user
):
    client.force_login(admin_user)
    html = get_html(client)
    pages = report.pages

    assert row_of(html, pages["outdated"]).text.startswith(
        "原文已更新的新闻 新闻发布 2024年4月12日 09:45"
    )
    assert row_of(html, pages["notice"]).text.startswith(
        "活动周报名通知 通知公告 2024年4月20日 00:30"
    )
    # A section is its own section.
    assert row_of(html, report.notices).text.startswith("通知公告 通知公告 2024年4月1日 09:00")
    assert f'href="/admin/pages/{pages["notice"].pk}/edit/"' in html
    assert 'datetime="2024-04-20T00:30:00+08:00"' in html
    # Most recently published first.
    assert [row.page_id for row in rows(html)][:2] == [pages["notice"].pk, pages["outdated"].pk]


def test_the_summary_counts_each_state_and_links_to_it(client, report, admin_user):
    client.force_login(admin_user)
    counts = summary(get_html(client))
    assert {state: count for state, (count, _href) in counts.items()} == {
        "": 8,
        "missing": 3,
        "draft": 1,
        "outdated": 1,
        "current": 3,
    }
    assert counts["missing"][1] == "?state=missing"

    within_news = summary(get_html(client, {"section": str(report.news.pk), "state": "current"}))
    assert {state: count for state, (count, _href) in within_news.items()} == {
        "": 6,
        "missing": 2,
        "draft": 1,
        "outdated": 1,
        "current": 2,
    }
    # The links keep the section and change the state.
    assert within_news["outdated"][1] == f"?section={report.news.pk}&state=outdated"
    assert within_news[""][1] == f"?section={report.news.pk}"


def test_filtering_by_section_shows_its_subtree(client, report, admin_user):
    client.force_login(admin_user)
    html = get_html(client, {"section": str(report.notices.pk)})
    assert {row.page_id for row in rows(html)} == {report.notices.pk, report.pages["notice"].pk}
    assert f'<option value="{report.notices.pk}" selected>通知公告</option>' in html


def test_filtering_by_state(client, report, admin_user):
    client.force_login(admin_user)
    html = get_html(client, {"state": "missing"})
    assert {row.page_id for row in rows(html)} == {
        report.pages["missing"].pk,
        report.pages["aliased"].pk,
        report.pages["notice"].pk,
    }
    assert [row.page_id for row in rows(get_html(client, {"state": "outdated"}))] == [
        report.pages["outdated"].pk
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"date_from": "2024-04-20"}, {"notice"}),
        (
            {"date_to": "2024-04-19"},
            {"missing", "draft", "current", "outdated", "aliased", "news", "notices"},
        ),
        ({"date_from": "2024-04-12", "date_to": "2024-04-12"}, {"outdated"}),
        (
            {"date_from": "2024-04-10", "date_to": "2024-04-11"},
            {"missing", "draft", "current", "aliased"},
        ),
        ({"date_from": "2024-04-02", "date_to": "2024-04-09"}, set()),
    ],
)
def test_filtering_by_beijing_publication_date(client, report, admin_user, params, expected):
    client.force_login(admin_user)
    html = get_html(client, params)
    named = {**report.pages, "news": report.news, "notices": report.notices}
    assert {row.page_id for row in rows(html)} == {named[key].pk for key in expected}
    if not expected:
        assert "没有符合条件的页面。" in html
    counts = summary(html)
    assert counts[""][0] == len(expected)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "2024-13-40"}, "日期应写成“2026-04-27”的形式"),
        ({"date_to": "yesterday"}, "日期应写成“2026-04-27”的形式"),
        ({"date_from": "9999-12-31"}, "日期须在2000年至2100年之间"),
        ({"date_from": "2024-05-01", "date_to": "2024-04-01"}, "起始日期不能晚于截止日期"),
        ({"section": "abc"}, "选择一个有效的选项"),
        ({"section": "999999"}, "选择一个有效的选项"),
        ({"state": "lost"}, "选择一个有效的选项"),
    ],
)
def test_a_bad_filter_is_explained_and_ignored(client, report, admin_user, params, message):
    client.force_login(admin_user)
    response = client.get(STATUS_URL, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in plain_text(html)
    assert "有误的筛选条件未被采用。" in html
    assert len(rows(html)) == 8


def test_a_bad_filter_does_not_drop_the_good_ones(client, report, admin_user):
    client.force_login(admin_user)
    html = get_html(client, {"section": str(report.notices.pk), "date_from": "2024-02-30"})
    assert "日期应写成" in html
    assert {row.page_id for row in rows(html)} == {report.notices.pk, report.pages["notice"].pk}


def test_the_table_is_paginated_and_pages_keep_the_filters(client, report, admin_user, monkeypatch):
    from lifelong_site.translation import status_views

    monkeypatch.setattr(status_views, "ROWS_PER_PAGE", 2)
    client.force_login(admin_user)
    section = str(report.news.pk)
    first = get_html(client, {"section": section})
    second = get_html(client, {"section": section, "p": "2"})
    beyond = get_html(client, {"section": section, "p": "99"})

    assert len(rows(first)) == 2 and len(rows(second)) == 2
    assert not {row.page_id for row in rows(first)} & {row.page_id for row in rows(second)}
    assert f"section={section}&amp;p=2" in first
    assert len(rows(beyond)) == 2  # the last page, not an error
    assert "6 个页面" in plain_text(first)


def test_fifty_rows_a_page(report, site_tree):
    from lifelong_site.translation.status_views import ROWS_PER_PAGE

    assert ROWS_PER_PAGE == 50


# --- Access --------------------------------------------------------------------------------


def test_an_editor_without_superuser_rights_can_open_it(client, report):
    client.force_login(editor_of(report.notices))
    html = get_html(client)
    # Every live page, not just the editor's section: the report only reads.
    assert len(rows(html)) == 8


def menu_entries(
    node: object, submenus: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], dict]]:
    """Every item of the admin sidebar's JSON props with the submenus it is in."""
    if isinstance(node, list):
        for child in node:
            yield from menu_entries(child, submenus)
    elif isinstance(node, dict):
        args = node.get("_args")
        if str(node.get("_type", "")).endswith("SubMenuItem") and args:
            yield from menu_entries(args[1:], (*submenus, args[0]["name"]))
        elif "name" in node and "url" in node:
            yield submenus, node
        else:
            yield from menu_entries(list(node.values()), submenus)


def test_the_reports_menu_links_to_it(client, report):
    client.force_login(editor_of(report.notices))
    html = client.get("/admin/").content.decode()
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
        html,
        re.DOTALL,
    )
    assert props
    entries = [
        (submenus, item)
        for submenus, item in menu_entries(json.loads(props.group(1)))
        if item["name"] == "translation-status"
    ]
    assert entries == [(("reports",), entries[0][1])]
    assert entries[0][1]["label"] == "翻译状态"
    assert entries[0][1]["url"] == STATUS_URL


def test_anonymous_visitors_are_sent_to_the_login(client, report):
    response = client.get(STATUS_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_users_without_admin_access_are_refused(client, report):
    client.force_login(UserFactory(username="reader"))
    response = client.get(STATUS_URL)
    assert response.status_code in (302, 403)
    assert "data-status-summary" not in response.content.decode()


# --- Queries ---------------------------------------------------------------------------------


def add_pages(sections: Sections, count: int, start: int) -> None:
    """`count` pages cycling through the four states."""
    en = sections.site_tree.en
    for n in range(start, start + count):
        page = publish(
            PressReleasePageFactory(parent=sections.news, title=f"批量新闻{n}"), PUBLISHED
        )
        kind = n % 4
        if kind == 1:
            translate(page, en, TRANSLATED, publish=False)
        elif kind >= 2:
            translate(page, en, TRANSLATED)
        if kind == 3:
            publish(page, REPUBLISHED)


def test_the_number_of_queries_does_not_grow_with_the_pages(client, sections, admin_user):
    client.force_login(admin_user)
    get_html(client)  # first admin visit: creates the profile, warms caches

    def measure() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            html = get_html(client)
        return len(queries), len(rows(html))

    add_pages(sections, 5, 0)
    few, shown_few = measure()
    add_pages(sections, 25, 5)
    many, shown_many = measure()

    assert (shown_few, shown_many) == (2 + 5, 2 + 30)
    assert many == few
    # Session, user and profile, Wagtail's sidebar (3), and the report's own
    # three: sections, counts, rows.
    assert few <= 12, few


# --- Notifications ---------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _notifications_connected() -> Iterator[None]:
    # Wagtail imports the hooks modules (which connect the receiver) lazily;
    # these tests must not depend on whether an admin page was drawn first.
    notifications.connect()
    yield


@dataclass
class Newsdesk:
    page: Page
    translator: object
    last_translator: object
    reviewer: object


@pytest.fixture
def newsdesk(report) -> Newsdesk:
    """A translated page, the translators' group and who translated it last."""
    translators = Group.objects.create(name=TRANSLATORS)
    translator = UserFactory(username="translator_wang")
    translator.groups.add(translators)
    # Neither an inactive member nor one without an address can be written to.
    translators.user_set.add(UserFactory(username="former_translator", is_active=False))
    translators.user_set.add(UserFactory(username="no_address", email=""))
    # The outside translator who worked on this very page, and someone who
    # translated another page only.
    last_translator = UserFactory(username="freelance_zhao")
    other_translator = UserFactory(username="freelance_qian")
    page = report.pages["current"]
    source = source_of(page)
    StringTranslation.objects.filter(
        translation_of__in=StringSegment.objects.filter(source=source).values("string_id")
    ).update(last_translated_by=last_translator)
    StringTranslation.objects.filter(
        translation_of__in=StringSegment.objects.filter(
            source=source_of(report.pages["draft"])
        ).values("string_id")
    ).update(last_translated_by=other_translator)
    reviewer = UserFactory(username="reviewer_liu", first_name="晓", last_name="刘")
    mail.outbox.clear()
    return Newsdesk(
        page=page, translator=translator, last_translator=last_translator, reviewer=reviewer
    )


def republish_as(page: Page, user, at: dt.datetime, on_commit) -> Page:
    """Publish as the admin does: inside a log context naming the user."""
    with on_commit(execute=True), LogContext(user=user):
        return publish(page, at, user=user)


def test_republishing_a_translated_page_emails_the_translators(
    newsdesk, django_capture_on_commit_callbacks, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://cms.example.cn"
    republish_as(newsdesk.page, newsdesk.reviewer, REPUBLISHED, django_capture_on_commit_callbacks)

    assert sorted(address for message in mail.outbox for address in message.to) == [
        "freelance_zhao@example.cn",
        "translator_wang@example.cn",
    ]
    # One message each: translators do not see each other's addresses.
    assert all(
        len(message.to) == 1 and not message.cc and not message.bcc for message in mail.outbox
    )
    message = mail.outbox[0]
    assert message.subject == "中文原文已更新：译文最新的新闻"
    source_id = source_of(newsdesk.page).pk
    assert "页面：译文最新的新闻" in message.body
    assert "发布人：晓 刘" in message.body or "发布人：刘晓" in message.body
    assert "发布时间：2024年4月12日 09:45（北京时间）" in message.body
    assert f"https://cms.example.cn/admin/localize/update/{source_id}/" in message.body
    assert (
        f"https://cms.example.cn{reverse('wagtail_localize:update_translations', args=[source_id])}"
        in message.body
    )
    assert "https://cms.example.cn/admin/translations/status/?state=outdated" in message.body


def test_someone_both_in_the_group_and_last_translator_gets_one_email(
    newsdesk, django_capture_on_commit_callbacks
):
    newsdesk.last_translator.groups.add(Group.objects.get(name=TRANSLATORS))
    republish_as(newsdesk.page, newsdesk.reviewer, REPUBLISHED, django_capture_on_commit_callbacks)
    addresses = [address for message in mail.outbox for address in message.to]
    assert sorted(addresses) == ["freelance_zhao@example.cn", "translator_wang@example.cn"]


def test_the_first_publication_sends_nothing(newsdesk, report, django_capture_on_commit_callbacks):
    page = PressReleasePageFactory(parent=report.news, title="新稿件", live=False)
    republish_as(page, newsdesk.reviewer, REPUBLISHED, django_capture_on_commit_callbacks)
    assert Page.objects.get(pk=page.pk).live
    assert mail.outbox == []


def test_republishing_an_untranslated_page_sends_nothing(
    newsdesk, report, django_capture_on_commit_callbacks
):
    for key in ("missing", "aliased"):
        republish_as(
            report.pages[key], newsdesk.reviewer, REPUBLISHED, django_capture_on_commit_callbacks
        )
    assert mail.outbox == []


def test_publishing_the_english_page_sends_nothing(newsdesk, django_capture_on_commit_callbacks):
    english = english_of(newsdesk.page)
    republish_as(english, newsdesk.reviewer, REPUBLISHED, django_capture_on_commit_callbacks)
    assert Page.objects.get(pk=english.pk).last_published_at == REPUBLISHED
    assert mail.outbox == []


def test_a_scheduled_publication_waits_for_the_page_to_go_live(
    newsdesk, django_capture_on_commit_callbacks
):
    page = Page.objects.get(pk=newsdesk.page.pk).specific
    page.go_live_at = REPUBLISHED + dt.timedelta(days=1)
    with frozen_at(REPUBLISHED), django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=newsdesk.reviewer).publish(
            user=newsdesk.reviewer, skip_permission_checks=True
        )
    assert Page.objects.get(pk=page.pk).has_unpublished_changes
    assert mail.outbox == []


class BrokenEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("the mail server is down")


def test_a_mail_failure_does_not_stop_the_publication(
    newsdesk, django_capture_on_commit_callbacks, settings, caplog
):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenEmailBackend"
    with caplog.at_level(logging.ERROR, logger=notifications.__name__):
        page = republish_as(
            newsdesk.page, newsdesk.reviewer, REPUBLISHED, django_capture_on_commit_callbacks
        )

    assert page.live and page.last_published_at == REPUBLISHED
    assert source_pages().get(pk=page.pk).translation_state == TranslationState.OUTDATED.value
    failures = [record for record in caplog.records if record.name == notifications.__name__]
    assert len(failures) == 1 and failures[0].exc_info[0] is ConnectionRefusedError


def test_nothing_is_sent_when_the_publication_is_rolled_back(
    newsdesk, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=False) as callbacks,
        LogContext(user=newsdesk.reviewer),
    ):
        try:
            with transaction.atomic():
                publish(newsdesk.page, REPUBLISHED, user=newsdesk.reviewer)
                raise RuntimeError("something after the publication failed")
        except RuntimeError:
            pass
    assert callbacks == []
    assert mail.outbox == []
