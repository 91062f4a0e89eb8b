"""What goes live or expires when: the queries and grouping behind the
editorial calendar and the embargo list.

Times are China Standard Time (TIME_ZONE) whatever the server's zone and
whatever zone an admin user chose in their account: embargoes are announced
for a minute in Beijing, and a calendar that moved them would mislead.

Every lookup is made once for all items, never once per item, so the number of
queries behind a calendar page does not grow with the number of items on it.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import CharField, QuerySet
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.utils import dateparse, formats, timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Page, Revision, WorkflowState, get_default_page_content_type
from wagtail.permission_policies.pages import PagePermissionPolicy

from lifelong_site.dates import EN_MONTHS, local_date
from lifelong_site.i18n import (
    TRANSLATION_LANGUAGE,
    TranslationState,
    is_english,
    is_source_language,
)

# Seeing a page's schedule is part of writing, editing or publishing it; the
# same actions open Wagtail's own workflow reports.
CALENDAR_ACTIONS = ("add", "change", "publish")

# Root (depth 1) holds one home page per language (depth 2); the sections
# editors file pages in (新闻发布, 通知公告, 历届活动周) sit directly below.
SECTION_DEPTH = 3

# The calendar offers years a publicity office plans in; the bounds also keep
# "next week" and "previous day" links clear of the ends of the date range.
FIRST_YEAR = 2000
LAST_YEAR = 2100

ISO_WEEK = re.compile(r"^(?P<year>\d{4})-W(?P<week>\d{1,2})$")

User = AbstractBaseUser | AnonymousUser


def editorial_zone() -> dt.tzinfo:
    return timezone.get_default_timezone()


def in_editorial_zone(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment, editorial_zone())


def editorial_today(now: dt.datetime | None = None) -> dt.date:
    return in_editorial_zone(now or timezone.now()).date()


# --- Periods -------------------------------------------------------------------


class PeriodKind(enum.StrEnum):
    WEEK = "week"
    DAY = "day"


@dataclass(frozen=True)
class Period:
    """A week (Monday to Sunday) or a single day of the calendar."""

    kind: PeriodKind
    first_day: dt.date

    @property
    def length(self) -> int:
        return 7 if self.kind is PeriodKind.WEEK else 1

    @property
    def days(self) -> list[dt.date]:
        return [self.first_day + dt.timedelta(days=offset) for offset in range(self.length)]

    @property
    def last_day(self) -> dt.date:
        return self.first_day + dt.timedelta(days=self.length - 1)

    @property
    def starts_at(self) -> dt.datetime:
        return midnight(self.first_day)

    @property
    def ends_at(self) -> dt.datetime:
        """The first moment after the period (ranges are half-open)."""
        return midnight(self.last_day + dt.timedelta(days=1))

    @property
    def query_value(self) -> str:
        """The value of the ?week= or ?day= parameter that shows this period."""
        if self.kind is PeriodKind.WEEK:
            return iso_week_value(self.first_day)
        return self.first_day.isoformat()

    def previous(self) -> Period:
        return Period(self.kind, self.first_day - dt.timedelta(days=self.length))

    def following(self) -> Period:
        return Period(self.kind, self.first_day + dt.timedelta(days=self.length))

    @property
    def label(self) -> str:
        """The heading: "2026年第18周（4月27日—5月3日）" or "2026年4月27日 星期一"."""
        if self.kind is PeriodKind.WEEK:
            year, week, _weekday = self.first_day.isocalendar()
            return gettext("%(year)d年第%(week)d周（%(first)s—%(last)s）") % {
                "year": year,
                "week": week,
                "first": month_day(self.first_day),
                "last": month_day(self.last_day),
            }
        return f"{local_date(self.first_day)} {weekday_name(self.first_day)}"


def month_day(day: dt.date) -> str:
    """A day as "4月27日" or "27 April"; Django's Chinese MONTH_DAY_FORMAT would write "04月"."""
    if is_english():
        return f"{day.day} {EN_MONTHS[day.month - 1]}"
    return f"{day.month}月{day.day}日"


def weekday_name(day: dt.date) -> str:
    return formats.date_format(day, "l")


def midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=editorial_zone())


def week_containing(day: dt.date) -> Period:
    return Period(PeriodKind.WEEK, day - dt.timedelta(days=day.weekday()))


def single_day(day: dt.date) -> Period:
    return Period(PeriodKind.DAY, day)


def iso_week_value(day: dt.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def parse_iso_week(value: str) -> dt.date | None:
    """The Monday of an ISO week written "2026-W17", or None if there is no such week."""
    match = ISO_WEEK.match(value.strip())
    if match is None:
        return None
    try:
        return dt.date.fromisocalendar(int(match["year"]), int(match["week"]), 1)
    except ValueError:
        return None


def is_within_calendar(day: dt.date) -> bool:
    return FIRST_YEAR <= day.year <= LAST_YEAR


# --- Items ---------------------------------------------------------------------


class ItemKind(enum.StrEnum):
    GO_LIVE = "go_live"
    AWAITING_APPROVAL = "awaiting_approval"
    EXPIRY = "expiry"


ITEM_KIND_LABELS = {
    ItemKind.GO_LIVE: _("定时发布"),
    ItemKind.AWAITING_APPROVAL: _("待批准"),
    ItemKind.EXPIRY: _("到期下线"),
}

# Items at the same minute: what goes live first, then what is still waiting,
# then what is taken down.
ITEM_KIND_ORDER = {ItemKind.GO_LIVE: 0, ItemKind.AWAITING_APPROVAL: 1, ItemKind.EXPIRY: 2}


# What the calendar says of a Chinese page's English version (English pages: nothing).
TRANSLATION_STATE_LABELS = {
    TranslationState.MISSING: _("无英文译文"),
    TranslationState.DRAFT: _("英文草稿"),
    TranslationState.CURRENT: _("英文已发布"),
}


@dataclass(frozen=True)
class CalendarItem:
    kind: ItemKind
    at: dt.datetime
    page_id: int
    title: str
    page_type: str
    locale_label: str
    author: str
    section: str
    workflow: str
    translation: TranslationState | None  # None: not a source-language page

    @property
    def kind_label(self) -> str:
        return str(ITEM_KIND_LABELS[self.kind])

    @property
    def needs_approval(self) -> bool:
        return self.kind is ItemKind.AWAITING_APPROVAL

    @property
    def time_label(self) -> str:
        return f"{self.at:%H:%M}"

    @property
    def datetime_label(self) -> str:
        # The date part of `at`, which is already in Beijing time: converting
        # again would follow the zone the admin user picked.
        return f"{local_date(self.at.date())} {self.at:%H:%M}"

    @property
    def translation_label(self) -> str:
        return str(TRANSLATION_STATE_LABELS[self.translation]) if self.translation else ""


@dataclass(frozen=True)
class ScheduledEntry:
    """A page at a moment, before the bulk lookups turn it into a CalendarItem."""

    kind: ItemKind
    at: dt.datetime
    page: Page
    title: str
    author: AbstractBaseUser | None


# --- Queries -------------------------------------------------------------------

# Everything a CalendarItem shows about a page, fetched with the page itself.
PAGE_RELATIONS = ("locale", "owner", "content_type")


def pages_visible_to(user: User) -> QuerySet[Page]:
    """Pages the user may add under, edit or publish (every page for superusers)."""
    return PagePermissionPolicy().instances_user_has_any_permission_for(
        user, list(CALENDAR_ACTIONS)
    )


def scheduled_revisions(visible: QuerySet[Page]) -> QuerySet[Revision]:
    """Approved revisions waiting for their minute; publishing clears the mark."""
    # Revision.object_id is text: PostgreSQL will not compare it to an integer.
    visible_ids = visible.values_list(Cast("pk", output_field=CharField()), flat=True)
    return (
        Revision.page_revisions.filter(approved_go_live_at__isnull=False, object_id__in=visible_ids)
        .select_related("user")
        .defer("content")
        .order_by("approved_go_live_at", "pk")
    )


def go_live_entries(revisions: Iterable[Revision]) -> list[ScheduledEntry]:
    revisions = list(revisions)
    page_ids = {int(revision.object_id) for revision in revisions}
    pages = Page.objects.select_related(*PAGE_RELATIONS).in_bulk(page_ids) if page_ids else {}
    entries = []
    for revision in revisions:
        page = pages.get(int(revision.object_id))
        if page is None or page.live_revision_id == revision.pk:
            continue
        entries.append(
            ScheduledEntry(
                kind=ItemKind.GO_LIVE,
                at=in_editorial_zone(revision.approved_go_live_at),
                page=page,
                title=revision.object_str or page.draft_title,
                author=revision.user or page.owner,
            )
        )
    return entries


def drafts_with_requested_time(visible: QuerySet[Page]) -> QuerySet[Page]:
    """Pages whose latest, unapproved revision asks for a go-live time.

    The time exists only in the revision's JSON until a reviewer approves it,
    so it is read from there (as `requested_go_live_at`, an ISO string).
    """
    return (
        Page.objects.filter(
            pk__in=visible.values("pk"),
            has_unpublished_changes=True,
            latest_revision__approved_go_live_at__isnull=True,
        )
        .annotate(requested_go_live_at=KeyTextTransform("go_live_at", "latest_revision__content"))
        .filter(requested_go_live_at__isnull=False)
        .select_related(*PAGE_RELATIONS, "latest_revision__user")
        .defer("latest_revision__content")
    )


def parse_revision_moment(value: str) -> dt.datetime | None:
    moment = dateparse.parse_datetime(value)
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, dt.UTC)
    return moment


def awaiting_approval_entries(pages: Iterable[Page], period: Period) -> list[ScheduledEntry]:
    # Parsed and ranged here rather than in SQL: JSON text does not compare as
    # time on every database, and drafts with a requested time are few.
    entries = []
    for page in pages:
        requested = parse_revision_moment(page.requested_go_live_at)
        if requested is None or not period.starts_at <= requested < period.ends_at:
            continue
        # A later draft of a live page carries the go-live time the page was
        # first published at; that moment has passed and is not a new request.
        if page.live and page.go_live_at == requested:
            continue
        entries.append(
            ScheduledEntry(
                kind=ItemKind.AWAITING_APPROVAL,
                at=in_editorial_zone(requested),
                page=page,
                title=page.draft_title,
                author=page.latest_revision.user or page.owner,
            )
        )
    return entries


def expiring_pages(visible: QuerySet[Page], period: Period) -> QuerySet[Page]:
    return (
        Page.objects.filter(
            pk__in=visible.values("pk"),
            live=True,
            expire_at__gte=period.starts_at,
            expire_at__lt=period.ends_at,
        )
        .select_related(*PAGE_RELATIONS, "live_revision__user")
        .defer("live_revision__content")
    )


def expiry_entries(pages: Iterable[Page]) -> list[ScheduledEntry]:
    return [
        ScheduledEntry(
            kind=ItemKind.EXPIRY,
            at=in_editorial_zone(page.expire_at),
            page=page,
            title=page.title,
            author=(page.live_revision.user if page.live_revision else None) or page.owner,
        )
        for page in pages
    ]


# --- Bulk lookups ----------------------------------------------------------------


def section_titles(pages: Sequence[Page]) -> dict[int, str]:
    """Page id to the title of the section it is filed in (one query)."""
    section_depth_path = SECTION_DEPTH * Page.steplen
    section_paths = {
        page.pk: page.path[:section_depth_path] for page in pages if page.depth >= SECTION_DEPTH
    }
    if not section_paths:
        return {}
    titles = dict(
        Page.objects.filter(path__in=set(section_paths.values())).values_list("path", "title")
    )
    return {page_id: titles.get(path, "") for page_id, path in section_paths.items()}


def workflow_state_label(state: WorkflowState) -> str:
    task_state = state.current_task_state
    task_name = task_state.task.name if task_state else ""
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return gettext("退回修改：%(task)s") % {"task": task_name}
    return gettext("审核中：%(task)s") % {"task": task_name}


def workflow_labels(page_ids: Iterable[int]) -> dict[int, str]:
    """Page id to its review in progress, for pages that are in one (one query)."""
    object_ids = {str(page_id) for page_id in page_ids}
    if not object_ids:
        return {}
    states = (
        WorkflowState.objects.active()
        .filter(base_content_type=get_default_page_content_type(), object_id__in=object_ids)
        .select_related("current_task_state__task")
    )
    return {int(state.object_id): workflow_state_label(state) for state in states}


def default_workflow_label(kind: ItemKind) -> str:
    if kind is ItemKind.AWAITING_APPROVAL:
        return gettext("未提交")
    return gettext("已批准")


def translation_states(pages: Sequence[Page]) -> dict[int, TranslationState]:
    """Page id to the state of its English translation, for Chinese pages (one query)."""
    source_pages = [page for page in pages if is_source_language(page)]
    if not source_pages:
        return {}
    translations = Page.objects.filter(
        translation_key__in={page.translation_key for page in source_pages},
        locale__language_code=TRANSLATION_LANGUAGE,
    ).values_list("translation_key", "live")
    english_live: dict[object, bool] = {}
    for translation_key, live in translations:
        english_live[translation_key] = english_live.get(translation_key, False) or live
    states = {}
    for page in source_pages:
        if page.translation_key not in english_live:
            states[page.pk] = TranslationState.MISSING
        elif english_live[page.translation_key]:
            states[page.pk] = TranslationState.CURRENT
        else:
            states[page.pk] = TranslationState.DRAFT
    return states


def page_type_label(page: Page) -> str:
    # The content type came with the page (select_related); asking the page
    # for its specific class could cost a query per item.
    model = page.content_type.model_class()
    return str(model._meta.verbose_name) if model else page.content_type.name


def locale_label(page: Page) -> str:
    labels = getattr(settings, "LANGUAGE_SWITCHER_LABELS", {})
    return labels.get(page.locale.language_code) or page.locale.get_display_name()


def to_calendar_items(entries: Sequence[ScheduledEntry]) -> list[CalendarItem]:
    pages = [entry.page for entry in entries]
    sections = section_titles(pages)
    workflows = workflow_labels(page.pk for page in pages)
    translations = translation_states(pages)
    items = [
        CalendarItem(
            kind=entry.kind,
            at=entry.at,
            page_id=entry.page.pk,
            title=entry.title,
            page_type=page_type_label(entry.page),
            locale_label=locale_label(entry.page),
            author=get_user_display_name(entry.author) if entry.author else "",
            section=sections.get(entry.page.pk, ""),
            workflow=workflows.get(entry.page.pk) or default_workflow_label(entry.kind),
            translation=translations.get(entry.page.pk),
        )
        for entry in entries
    ]
    return sorted(items, key=lambda item: (item.at, ITEM_KIND_ORDER[item.kind], item.title))


# --- The two views' contents -------------------------------------------------------


def calendar_items(user: User, period: Period) -> list[CalendarItem]:
    """What goes live, waits for approval or expires within the period."""
    visible = pages_visible_to(user)
    revisions = scheduled_revisions(visible).filter(
        approved_go_live_at__gte=period.starts_at, approved_go_live_at__lt=period.ends_at
    )
    entries = [
        *go_live_entries(revisions),
        *awaiting_approval_entries(drafts_with_requested_time(visible), period),
        *expiry_entries(expiring_pages(visible, period)),
    ]
    return to_calendar_items(entries)


@dataclass(frozen=True)
class CalendarDay:
    date: dt.date
    is_today: bool
    items: list[CalendarItem]

    @property
    def heading(self) -> str:
        return f"{month_day(self.date)} {weekday_name(self.date)}"


def group_by_day(
    items: Iterable[CalendarItem], period: Period, today: dt.date
) -> list[CalendarDay]:
    """Every day of the period, empty ones included, each with its items in time order."""
    by_date: dict[dt.date, list[CalendarItem]] = {day: [] for day in period.days}
    for item in items:
        by_date.setdefault(item.at.date(), []).append(item)
    return [CalendarDay(date=day, is_today=day == today, items=by_date[day]) for day in period.days]


@dataclass(frozen=True)
class EmbargoedItem:
    item: CalendarItem
    remaining: dt.timedelta

    @property
    def remaining_label(self) -> str:
        return remaining_time_label(self.remaining)


def embargoed_items(user: User, now: dt.datetime) -> list[EmbargoedItem]:
    """Approved pages scheduled for a future minute, soonest first."""
    revisions = scheduled_revisions(pages_visible_to(user)).filter(approved_go_live_at__gt=now)
    items = to_calendar_items(go_live_entries(revisions))
    return [EmbargoedItem(item=item, remaining=item.at - now) for item in items]


def remaining_time_label(remaining: dt.timedelta) -> str:
    """The time left as "还有 2 小时 5 分": whole minutes, rounded down like a countdown."""
    minutes = int(remaining.total_seconds() // 60)
    if minutes < 1:
        return gettext("不到 1 分钟")
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if days:
        parts.append(ngettext("%(count)d 天", "%(count)d 天", days) % {"count": days})
    if hours:
        parts.append(ngettext("%(count)d 小时", "%(count)d 小时", hours) % {"count": hours})
    if minutes:
        parts.append(ngettext("%(count)d 分", "%(count)d 分", minutes) % {"count": minutes})
    return gettext("还有 %(duration)s") % {"duration": " ".join(parts)}
