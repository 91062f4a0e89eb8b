"""The editorial calendar and the embargo list: what goes live, waits for
approval or expires when, in Beijing time, for the pages each user may handle."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.admin.menu import admin_menu
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow, WorkflowTask
from wagtail.users.models import UserProfile

from lifelong_site.editorial.calendar import remaining_time_label
from lifelong_site.translation.tools import translate_instance
from tests.factories.news import (
    NewsIndexPageFactory,
    NoticeIndexPageFactory,
    NoticePageFactory,
    PressReleasePageFactory,
)
from tests.factories.site import UserFactory

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
# The opening ceremony: Monday of ISO week 2026-W18, 09:30 Beijing = 01:30 UTC
# (and still Sunday evening in New York).
OPENING = dt.datetime(2026, 4, 27, 9, 30, tzinfo=SHANGHAI)
# When the tests' editors prepare and approve the week's releases.
PLANNING = dt.datetime(2026, 4, 20, 10, 0, tzinfo=SHANGHAI)
OPENING_WEEK = "2026-W18"

CALENDAR_URL = "/admin/editorial/calendar/"
EMBARGOED_URL = "/admin/editorial/embargoed/"


@contextmanager
def frozen_at(moment: dt.datetime) -> Iterator[time_machine.Traveller]:
    # Travelling to a UTC moment: time_machine would otherwise also switch the
    # process's zone to the moment's own, hiding zone mistakes.
    with time_machine.travel(moment.astimezone(dt.UTC), tick=False) as traveller:
        yield traveller


# --- Pages -----------------------------------------------------------------------


@dataclass
class Desk:
    news: Page
    notices: Page
    site_tree: object


@pytest.fixture
def desk(site_tree) -> Desk:
    news = NewsIndexPageFactory(parent=site_tree.home_zh)
    notices = NoticeIndexPageFactory(parent=site_tree.home_zh)
    for section in (news, notices):
        section.save_revision().publish()
    return Desk(news=news, notices=notices, site_tree=site_tree)


PageFactory = Callable[..., Page]


def scheduled(
    factory: PageFactory, parent: Page, title: str, go_live: dt.datetime, author=None, **fields
) -> Page:
    """An approved page waiting for its minute: what a reviewer's approval leaves."""
    page = factory(parent=parent, title=title, live=False, **fields)
    page.go_live_at = go_live
    page.save_revision(user=author).publish()
    page.refresh_from_db()
    assert not page.live
    return page


def draft_asking_for(
    factory: PageFactory, parent: Page, title: str, go_live: dt.datetime, author=None
) -> Page:
    """A draft with a go-live time that nobody has approved."""
    page = factory(parent=parent, title=title, live=False)
    page.go_live_at = go_live
    page.save_revision(user=author)
    return page


def expiring(factory: PageFactory, parent: Page, title: str, expire_at: dt.datetime) -> Page:
    page = factory(parent=parent, title=title)
    page.expire_at = expire_at
    page.save_revision().publish()
    return page


@pytest.fixture
def final_review() -> Workflow:
    workflow = Workflow.objects.create(name="发布审核")
    task = GroupApprovalTask.objects.create(name="终审")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


# --- Users -----------------------------------------------------------------------


def page_permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def admin_access() -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def user_with_page_permissions(username: str, grants: list[tuple[Page, str]]):
    group = Group.objects.create(name=f"{username}-group")
    group.permissions.add(admin_access())
    for page, codename in grants:
        GroupPagePermission.objects.create(
            group=group, page=page, permission=page_permission(codename)
        )
    user = UserFactory(username=username)
    user.groups.add(group)
    return user


# --- Reading the pages --------------------------------------------------------------

ROW = re.compile(
    r'<tr data-calendar-item="(?P<kind>[a-z_]+)" data-page-id="(?P<page_id>\d+)">'
    r"(?P<cells>.*?)</tr>",
    re.S,
)


@dataclass
class Row:
    kind: str
    page_id: int
    text: str


def plain_text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def rows(html: str) -> list[Row]:
    return [
        Row(match["kind"], int(match["page_id"]), plain_text(match["cells"]))
        for match in ROW.finditer(html)
    ]


def row_of(html: str, page: Page) -> Row:
    found = [row for row in rows(html) if row.page_id == page.pk]
    assert len(found) == 1, f"expected one row for {page.title}, found {len(found)}"
    return found[0]


def day_section(html: str, day: str) -> str:
    match = re.search(rf'<section [^>]*aria-labelledby="day-{day}".*?</section>', html, re.S)
    assert match, f"no section for {day}"
    return match.group(0)


def get_html(client, url: str, params: dict[str, str] | None = None) -> str:
    response = client.get(url, params or {})
    assert response.status_code == 200
    return response.content.decode()


# --- The calendar ---------------------------------------------------------------------


def test_the_views_live_at_the_documented_addresses():
    assert reverse("editorial_calendar") == CALENDAR_URL
    assert reverse("editorial_embargoed") == EMBARGOED_URL


@pytest.fixture
def new_york_process_zone(monkeypatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_scheduled_release_shows_on_its_beijing_day_and_minute(
    client, desk, admin_user, new_york_process_zone
):
    with frozen_at(PLANNING):
        release = scheduled(PressReleasePageFactory, desk.news, "开幕式新闻通稿", OPENING)
    # Neither the server's zone nor the zone an admin picked may move an embargo.
    profile = UserProfile.get_for_user(admin_user)
    profile.current_time_zone = "America/New_York"
    profile.save()
    client.force_login(admin_user)

    with frozen_at(PLANNING):
        week = get_html(client, CALENDAR_URL, {"week": OPENING_WEEK})
        sunday = get_html(client, CALENDAR_URL, {"day": "2026-04-26"})
        monday = get_html(client, CALENDAR_URL, {"day": "2026-04-27"})

    opening_day = day_section(week, "2026-04-27")
    assert row_of(opening_day, release).kind == "go_live"
    assert row_of(opening_day, release).text.startswith("09:30 定时发布 开幕式新闻通稿")
    assert [row.page_id for row in rows(week)] == [release.pk]
    assert rows(sunday) == []
    assert row_of(monday, release).text.startswith("09:30")
    assert 'datetime="2026-04-27T09:30:00+08:00"' in monday


def test_each_item_names_its_type_language_author_and_section(client, desk, admin_user):
    reporter = UserFactory(username="reporter_li")
    news_en = translate_instance(desk.news, desk.site_tree.en, {"新闻发布": "News"})
    with frozen_at(PLANNING):
        release = scheduled(
            PressReleasePageFactory, desk.news, "开幕式新闻通稿", OPENING, author=reporter
        )
        notice = scheduled(
            NoticePageFactory, desk.notices, "关于举办活动周的通知", OPENING + dt.timedelta(hours=1)
        )
        english = scheduled(
            PressReleasePageFactory,
            news_en,
            "Opening ceremony",
            OPENING + dt.timedelta(hours=2),
            locale=desk.site_tree.en,
        )
        client.force_login(admin_user)
        html = get_html(client, CALENDAR_URL, {"day": "2026-04-27"})

    assert (
        row_of(html, release).text
        == "09:30 定时发布 开幕式新闻通稿 新闻稿 中文 reporter_li 新闻发布 已批准 无英文译文"
    )
    # Without a revision author, the page's owner (none here) is shown as a dash.
    assert (
        row_of(html, notice).text
        == "10:30 定时发布 关于举办活动周的通知 通知公告 中文 — 通知公告 已批准 无英文译文"
    )
    assert (
        row_of(html, english).text
        == "11:30 定时发布 Opening ceremony 新闻稿 English — News 已批准 —"
    )
    assert f'href="/admin/pages/{release.pk}/edit/"' in html


def test_chinese_items_tell_the_state_of_their_english_translation(client, desk, admin_user):
    translate_instance(desk.news, desk.site_tree.en, {"新闻发布": "News"})
    closing = OPENING + dt.timedelta(days=2)
    with frozen_at(PLANNING):
        untranslated = expiring(PressReleasePageFactory, desk.news, "未翻译", closing)
        drafted = expiring(PressReleasePageFactory, desk.news, "英文起草中", closing)
        translated = expiring(PressReleasePageFactory, desk.news, "英文已上线", closing)
        translate_instance(
            drafted, desk.site_tree.en, {"英文起草中": "Being translated"}, publish=False
        )
        translate_instance(translated, desk.site_tree.en, {"英文已上线": "Translated"})
        client.force_login(admin_user)
        html = get_html(client, CALENDAR_URL, {"day": "2026-04-29"})

    assert row_of(html, untranslated).text.endswith("无英文译文")
    assert row_of(html, drafted).text.endswith("英文草稿")
    assert row_of(html, translated).text.endswith("英文已发布")


def test_a_draft_with_a_go_live_time_but_no_approval_is_marked_as_awaiting_approval(
    client, desk, admin_user, final_review
):
    with frozen_at(PLANNING):
        approved = scheduled(PressReleasePageFactory, desk.news, "已批准的通稿", OPENING)
        unsubmitted = draft_asking_for(PressReleasePageFactory, desk.news, "未提交的通稿", OPENING)
        in_review = draft_asking_for(PressReleasePageFactory, desk.news, "审核中的通稿", OPENING)
        final_review.start(in_review, admin_user)
        client.force_login(admin_user)
        html = get_html(client, CALENDAR_URL, {"week": OPENING_WEEK})

    assert row_of(html, approved).kind == "go_live"
    assert row_of(html, approved).text.endswith("已批准 无英文译文")
    for draft in (unsubmitted, in_review):
        row = row_of(html, draft)
        assert row.kind == "awaiting_approval"
        assert row.text.startswith("09:30 待批准 未经批准不会发布")
    assert "未提交" in row_of(html, unsubmitted).text
    assert "审核中：终审" in row_of(html, in_review).text
    assert "2 项标为“待批准”" in plain_text(html)


def test_a_published_page_redrafted_later_is_not_awaiting_approval_again(client, desk, admin_user):
    with frozen_at(PLANNING):
        release = scheduled(PressReleasePageFactory, desk.news, "开幕式新闻通稿", OPENING)
    with frozen_at(OPENING + dt.timedelta(minutes=1)):
        call_command("publish_scheduled", stdout=StringIO())
        release = Page.objects.get(pk=release.pk).specific
        assert release.live
        # The draft keeps the go-live time the page was published at.
        release.title = "开幕式新闻通稿（更正）"
        release.save_revision()
        client.force_login(admin_user)
        html = get_html(client, CALENDAR_URL, {"day": "2026-04-27"})

    assert [row for row in rows(html) if row.page_id == release.pk] == []


def test_live_pages_appear_on_the_day_they_expire(client, desk, admin_user):
    with frozen_at(PLANNING):
        notice = expiring(
            NoticePageFactory,
            desk.notices,
            "活动周报名通知",
            dt.datetime(2026, 4, 29, 18, 0, tzinfo=SHANGHAI),
        )
        client.force_login(admin_user)
        html = get_html(client, CALENDAR_URL, {"week": OPENING_WEEK})

    row = row_of(day_section(html, "2026-04-29"), notice)
    assert row.kind == "expiry"
    assert row.text.startswith("18:00 到期下线 活动周报名通知 通知公告 中文")
    assert row_of(html, notice) == row


# --- Navigation -------------------------------------------------------------------------


def test_week_view_shows_seven_days_and_links_to_the_weeks_around_it(client, desk, admin_user):
    client.force_login(admin_user)
    with frozen_at(PLANNING):
        html = get_html(client, CALENDAR_URL, {"week": "2026-W53"})

    assert "2026年第53周（12月28日—1月3日）" in html
    assert re.findall(r'aria-labelledby="day-([\d-]+)"', html) == [
        "2026-12-28",
        "2026-12-29",
        "2026-12-30",
        "2026-12-31",
        "2027-01-01",
        "2027-01-02",
        "2027-01-03",
    ]
    assert 'href="?week=2026-W52" rel="prev"' in html
    assert 'href="?week=2027-W01" rel="next"' in html
    assert 'href="?week=2026-W17"' in html  # "this week", from the frozen Monday 20 April


def test_day_view_shows_one_day_and_links_to_the_days_around_it(client, desk, admin_user):
    client.force_login(admin_user)
    with frozen_at(PLANNING):
        html = get_html(client, CALENDAR_URL, {"day": "2026-04-27"})

    assert "2026年4月27日 星期一" in html
    assert re.findall(r'aria-labelledby="day-([\d-]+)"', html) == ["2026-04-27"]
    assert 'href="?day=2026-04-26" rel="prev"' in html
    assert 'href="?day=2026-04-28" rel="next"' in html
    assert f'href="?week={OPENING_WEEK}"' in html


def test_without_parameters_the_calendar_shows_the_current_beijing_week(client, desk, admin_user):
    client.force_login(admin_user)
    # 01:00 on Monday in Beijing is still Sunday in UTC, the previous ISO week.
    with frozen_at(dt.datetime(2026, 4, 27, 1, 0, tzinfo=SHANGHAI)):
        html = get_html(client, CALENDAR_URL)

    assert "2026年第18周（4月27日—5月3日）" in html
    assert 'href="?week=2026-W17" rel="prev"' in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"week": "abc"}, "周应写成“2026-W17”的形式"),
        ({"week": "2026-W60"}, "周应写成“2026-W17”的形式"),
        ({"day": "2026-13-40"}, "日期应写成“2026-04-27”的形式"),
        ({"day": "9999-12-31"}, "只能查看2000年至2100年之间的日程"),
        ({"week": "0001-W01"}, "只能查看2000年至2100年之间的日程"),
    ],
)
def test_a_bad_period_is_explained_and_the_current_week_shown(
    client, desk, admin_user, params, message
):
    with frozen_at(PLANNING):
        release = scheduled(
            PressReleasePageFactory, desk.news, "本周通稿", PLANNING + dt.timedelta(days=1)
        )
        client.force_login(admin_user)
        html = get_html(client, CALENDAR_URL, params)

    assert message in html
    assert "下面显示的是本周的日程" in html
    assert "2026年第17周（4月20日—4月26日）" in html
    assert row_of(html, release).kind == "go_live"


# --- The embargo list --------------------------------------------------------------------


def test_embargo_list_runs_soonest_first_with_the_time_left(client, desk, admin_user):
    with frozen_at(PLANNING):
        next_day = scheduled(
            PressReleasePageFactory,
            desk.news,
            "次日发布",
            dt.datetime(2026, 4, 28, 10, 0, tzinfo=SHANGHAI),
        )
        opening = scheduled(PressReleasePageFactory, desk.news, "开幕式新闻通稿", OPENING)
        # Approved for 07:00; the scheduler has not run yet, but the embargo is over.
        scheduled(
            PressReleasePageFactory,
            desk.news,
            "已到时间",
            dt.datetime(2026, 4, 27, 7, 0, tzinfo=SHANGHAI),
        )
        draft_asking_for(PressReleasePageFactory, desk.news, "未批准", OPENING)
    client.force_login(admin_user)
    # Whole minutes left, rounded down: 2 h 5 min 30 s reads "2 小时 5 分".
    with frozen_at(dt.datetime(2026, 4, 27, 7, 24, 30, tzinfo=SHANGHAI)):
        html = get_html(client, EMBARGOED_URL)

    found = rows(html)
    assert [row.page_id for row in found] == [opening.pk, next_day.pk]
    assert found[0].text.startswith("2026年4月27日 09:30 还有 2 小时 5 分 开幕式新闻通稿")
    assert found[1].text.startswith("2026年4月28日 10:00 还有 1 天 2 小时 35 分 次日发布")


@pytest.mark.parametrize(
    ("remaining", "label"),
    [
        (dt.timedelta(seconds=59), "不到 1 分钟"),
        (dt.timedelta(minutes=5, seconds=59), "还有 5 分"),
        (dt.timedelta(hours=2, minutes=5), "还有 2 小时 5 分"),
        (dt.timedelta(days=1), "还有 1 天"),
        (dt.timedelta(days=3, minutes=1), "还有 3 天 1 分"),
    ],
)
def test_time_left_counts_whole_minutes(remaining, label):
    with translation.override("zh-hans"):
        assert remaining_time_label(remaining) == label


# --- Who sees what ----------------------------------------------------------------------------


@pytest.fixture
def both_sections_scheduled(desk) -> dict[str, Page]:
    with frozen_at(PLANNING):
        return {
            "news": scheduled(PressReleasePageFactory, desk.news, "开幕式新闻通稿", OPENING),
            "news_draft": draft_asking_for(PressReleasePageFactory, desk.news, "新闻草稿", OPENING),
            "notice": scheduled(NoticePageFactory, desk.notices, "关于举办活动周的通知", OPENING),
            "notice_draft": draft_asking_for(NoticePageFactory, desk.notices, "通知草稿", OPENING),
            "notice_expiring": expiring(
                NoticePageFactory, desk.notices, "报名通知", OPENING + dt.timedelta(days=1)
            ),
        }


def test_editors_see_only_the_sections_they_may_work_on(
    client, desk, admin_user, both_sections_scheduled
):
    pages = both_sections_scheduled
    news_editor = user_with_page_permissions("news_editor", [(desk.news, "change_page")])

    with frozen_at(PLANNING):
        client.force_login(news_editor)
        editor_calendar = get_html(client, CALENDAR_URL, {"week": OPENING_WEEK})
        editor_embargo = get_html(client, EMBARGOED_URL)
        client.force_login(admin_user)
        admin_calendar = get_html(client, CALENDAR_URL, {"week": OPENING_WEEK})
        admin_embargo = get_html(client, EMBARGOED_URL)

    news_ids = {pages["news"].pk, pages["news_draft"].pk}
    assert {row.page_id for row in rows(editor_calendar)} == news_ids
    assert [row.page_id for row in rows(editor_embargo)] == [pages["news"].pk]
    assert {row.page_id for row in rows(admin_calendar)} == {page.pk for page in pages.values()}
    assert {row.page_id for row in rows(admin_embargo)} == {pages["news"].pk, pages["notice"].pk}


def test_an_editor_who_may_only_add_pages_sees_the_section(client, desk, both_sections_scheduled):
    notice_writer = user_with_page_permissions("notice_writer", [(desk.notices, "add_page")])
    with frozen_at(PLANNING):
        client.force_login(notice_writer)
        html = get_html(client, CALENDAR_URL, {"week": OPENING_WEEK})

    pages = both_sections_scheduled
    assert {row.page_id for row in rows(html)} == {
        pages["notice"].pk,
        pages["notice_draft"].pk,
        pages["notice_expiring"].pk,
    }


@pytest.mark.parametrize("url", [CALENDAR_URL, EMBARGOED_URL])
def test_people_without_page_permissions_are_turned_away(
    client, desk, both_sections_scheduled, url
):
    assert client.get(url).status_code == 302  # anonymous: to the login page
    assert client.get(url)["Location"].startswith("/admin/login/")

    no_admin = UserFactory(username="reader")
    client.force_login(no_admin)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")

    # Wagtail answers an admin user's refused request with a redirect home.
    admin_without_pages = user_with_page_permissions("snippet_keeper", [])
    client.force_login(admin_without_pages)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_the_menu_offers_the_calendar_to_page_editors_only(rf, desk):
    def menu_for(user) -> dict[str, object]:
        request = rf.get("/admin/")
        request.user = user
        return {item.name: item for item in admin_menu.menu_items_for_request(request)}

    news_editor = user_with_page_permissions("news_editor", [(desk.news, "change_page")])
    calendar_menu = menu_for(news_editor)["editorial-calendar"]
    assert str(calendar_menu.label) == "编辑日历"
    assert calendar_menu.icon_name == "date"
    request = rf.get("/admin/")
    request.user = news_editor
    assert [
        (item.name, item.url) for item in calendar_menu.menu.menu_items_for_request(request)
    ] == [
        ("editorial-calendar-days", CALENDAR_URL),
        ("editorial-embargoed", EMBARGOED_URL),
    ]
    assert "editorial-calendar" not in menu_for(user_with_page_permissions("snippet_keeper", []))


# --- Cost ----------------------------------------------------------------------------------------


def add_week_of_items(desk: Desk, news_en: Page, count: int, workflow: Workflow, requester) -> int:
    """`count` items of every kind, both page types and both languages, for
    the opening week; returns how many rows the calendar should show."""
    items = 0
    for n in range(count):
        moment = OPENING + dt.timedelta(minutes=n)
        scheduled(PressReleasePageFactory, desk.news, f"通稿{n}", moment, author=requester)
        scheduled(NoticePageFactory, desk.notices, f"通知{n}", moment)
        scheduled(PressReleasePageFactory, news_en, f"Release {n}", moment, locale=news_en.locale)
        draft = draft_asking_for(
            PressReleasePageFactory, desk.news, f"草稿{n}", moment, author=requester
        )
        workflow.start(draft, requester)
        translated = expiring(
            NoticePageFactory, desk.notices, f"到期通知{n}", moment + dt.timedelta(days=1)
        )
        translate_instance(
            translated, news_en.locale, {f"到期通知{n}": f"Expiring notice {n}"}, publish=False
        )
        items += 5
    return items


def test_query_count_does_not_grow_with_the_number_of_items(client, desk, final_review):
    news_en = translate_instance(desk.news, desk.site_tree.en, {"新闻发布": "News"})
    notices_en = translate_instance(desk.notices, desk.site_tree.en, {"通知公告": "Notices"})
    reviewer = user_with_page_permissions(
        "reviewer",
        [
            (desk.site_tree.home_zh, "publish_page"),
            (desk.site_tree.home_zh, "change_page"),
            (desk.site_tree.home_en, "change_page"),
        ],
    )
    assert notices_en.live
    client.force_login(reviewer)

    def measure(url: str, params: dict[str, str]) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            html = get_html(client, url, params)
        return len(queries), len(rows(html))

    with frozen_at(PLANNING):
        get_html(client, CALENDAR_URL)  # first admin visit: creates the profile, warms caches
        expected_few = add_week_of_items(desk, news_en, 1, final_review, reviewer)
        calendar_few, shown_few = measure(CALENDAR_URL, {"week": OPENING_WEEK})
        embargo_few, listed_few = measure(EMBARGOED_URL, {})
        expected_many = expected_few + add_week_of_items(desk, news_en, 5, final_review, reviewer)
        calendar_many, shown_many = measure(CALENDAR_URL, {"week": OPENING_WEEK})
        embargo_many, listed_many = measure(EMBARGOED_URL, {})

    assert (shown_few, shown_many) == (expected_few, expected_many)
    assert (listed_few, listed_many) == (3, 18)
    assert calendar_many == calendar_few
    assert embargo_many == embargo_few
    assert calendar_few <= 40
