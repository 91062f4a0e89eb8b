"""The translation status report: every live Chinese page with the state of its
English version, worked out in the database.

The report lists the whole Chinese site (hundreds of releases and notices), so
the state is not computed page by page in Python: one query annotates each
page with its English counterpart, its wagtail-localize TranslationSource and
the resulting state, and the same annotations feed the filters, the counts and
the rows. The rule and its precedence are those of `sync_state.translation_state`
(missing, then outdated, then draft, then current); the tests hold the two
side by side.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypedDict

from django.db.models import (
    Case,
    CharField,
    Count,
    DateTimeField,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from lifelong_site.dates import local_date
from lifelong_site.editorial.calendar import SECTION_DEPTH, in_editorial_zone, midnight
from lifelong_site.i18n import SOURCE_LANGUAGE, TRANSLATION_LANGUAGE, TranslationState

from .sync_state import state_label

# The admin URL name of the report (status_hooks registers it); here rather
# than with the view so that the email can link to it without importing
# admin views when the app starts.
STATUS_URL_NAME = "localization_status"

# Root is depth 1 and each language's home depth 2; the report covers what
# sits below the Chinese home (the home itself is the site's frame, not an
# article a translator works through).
FIRST_REPORTED_DEPTH = SECTION_DEPTH

ACTION_LABELS = {
    TranslationState.MISSING: _("翻译"),
    TranslationState.OUTDATED: _("同步更新"),
    TranslationState.DRAFT: _("编辑译文"),
    TranslationState.CURRENT: _("编辑译文"),
}


def needs_translator(state: TranslationState) -> bool:
    """Missing and outdated pages are the translators' queue; drafts are
    already in their hands and current pages need nothing."""
    return state in (TranslationState.MISSING, TranslationState.OUTDATED)


# --- The annotated queryset ------------------------------------------------------


def english_counterparts() -> QuerySet[Page]:
    """The English page sharing the outer page's translation_key.

    Aliases are left out: an alias mirrors the Chinese text and nobody has
    translated it, which is also how wagtail-localize itself counts them (it
    offers "Translate this page" for a locale that only has an alias).
    translation_key and locale are unique together, so there is at most one.
    """
    return Page.objects.filter(
        translation_key=OuterRef("translation_key"),
        locale__language_code=TRANSLATION_LANGUAGE,
        alias_of__isnull=True,
    ).order_by()  # Page's default ordering by path is a wasted sort here


def source_records() -> QuerySet[TranslationSource]:
    """The outer page's TranslationSource: the text the translation last took.

    TranslationSource.object_id *is* the translation_key (TranslatableObject's
    primary key), so no join through TranslatableObject is needed.
    """
    return TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"), locale_id=OuterRef("locale_id")
    )


def section_titles() -> QuerySet[Page]:
    """The title of the outer page's section: its ancestor at SECTION_DEPTH.

    Materialised paths make that ancestor's path a prefix of the page's own.
    """
    return (
        Page.objects.filter(path=Substr(OuterRef("path"), 1, SECTION_DEPTH * Page.steplen))
        .order_by()
        .values("title")
    )


def state_expression() -> Case:
    """`translation_state()` in SQL; needs the english_* and synced_at annotations.

    A NULL on either side of the comparison is not outdated, as in
    `is_outdated()`: SQL's NULL comparison is never true.
    """
    return Case(
        When(english_page_id__isnull=True, then=Value(TranslationState.MISSING.value)),
        When(last_published_at__gt=F("synced_at"), then=Value(TranslationState.OUTDATED.value)),
        When(english_live=False, then=Value(TranslationState.DRAFT.value)),
        default=Value(TranslationState.CURRENT.value),
        output_field=CharField(),
    )


def source_pages() -> QuerySet[Page]:
    """Every live Chinese page below the home, annotated with its translation state.

    Annotations: english_page_id, english_live, english_last_published_at,
    translation_source_id, source_updated_at, synced_at, section_title and
    translation_state (a TranslationState value).
    """
    english = english_counterparts()
    source = source_records()
    return (
        Page.objects.filter(
            locale__language_code=SOURCE_LANGUAGE,
            live=True,
            depth__gte=FIRST_REPORTED_DEPTH,
        )
        .annotate(
            english_page_id=Subquery(english.values("pk")[:1]),
            english_live=Subquery(english.values("live")[:1]),
            english_last_published_at=Subquery(english.values("last_published_at")[:1]),
            translation_source_id=Subquery(source.values("pk")[:1]),
            source_updated_at=Subquery(source.values("last_updated_at")[:1]),
            section_title=Subquery(section_titles()[:1]),
        )
        # Without a TranslationSource (a translation made outside
        # wagtail-localize), the English page's last publication is the
        # moment it last matched the source: the fallback of sync_state.
        .annotate(
            synced_at=Coalesce(
                "source_updated_at", "english_last_published_at", output_field=DateTimeField()
            )
        )
        .annotate(translation_state=state_expression())
    )


# --- Filters -----------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """A child page of the Chinese home; filtering by it means its whole subtree."""

    id: int
    title: str
    path: str


def source_sections() -> list[Section]:
    """The Chinese sections, in menu (tree) order, for the filter's choices (one query)."""
    rows = (
        Page.objects.filter(locale__language_code=SOURCE_LANGUAGE, depth=SECTION_DEPTH)
        .order_by("path")
        .values_list("pk", "title", "path")
    )
    return [Section(id=pk, title=title, path=path) for pk, title, path in rows]


@dataclass(frozen=True)
class StatusFilters:
    """What the report is narrowed to; None means "no restriction".

    Dates are calendar days in China Standard Time, both ends included, since
    that is how an editor reads "published between 27 April and 3 May".
    """

    section: Section | None = None
    state: TranslationState | None = None
    published_from: dt.date | None = None
    published_to: dt.date | None = None


def in_section_and_period(pages: QuerySet[Page], filters: StatusFilters) -> QuerySet[Page]:
    """Everything but the state: the counts are taken at this point, so that
    each state's count says what clicking it would show."""
    if filters.section is not None:
        pages = pages.filter(path__startswith=filters.section.path)
    if filters.published_from is not None:
        pages = pages.filter(last_published_at__gte=midnight(filters.published_from))
    if filters.published_to is not None:
        # Half-open at the following midnight, so the whole last day counts.
        pages = pages.filter(
            last_published_at__lt=midnight(filters.published_to + dt.timedelta(days=1))
        )
    return pages


def in_state(pages: QuerySet[Page], state: TranslationState | None) -> QuerySet[Page]:
    return pages if state is None else pages.filter(translation_state=state.value)


def filtered_source_pages(filters: StatusFilters) -> QuerySet[Page]:
    return in_state(in_section_and_period(source_pages(), filters), filters.state)


# --- Counts --------------------------------------------------------------------------


def state_counts(pages: QuerySet[Page]) -> dict[TranslationState, int]:
    """How many of `pages` are in each state, zeros included (one query).

    Grouped by the state rather than aggregated with one FILTER per state:
    each FILTER would repeat the whole CASE, subqueries and all.
    """
    counts = dict.fromkeys(TranslationState, 0)
    grouped = pages.order_by().values("translation_state").annotate(count=Count("pk"))
    for row in grouped:
        counts[TranslationState(row["translation_state"])] = row["count"]
    return counts


# --- Rows ------------------------------------------------------------------------------

ROW_FIELDS = (
    "pk",
    "title",
    "section_title",
    "last_published_at",
    "translation_state",
    "english_page_id",
    "translation_source_id",
)


class StatusRowValues(TypedDict):
    """A row of `ordered_rows`: the values of ROW_FIELDS."""

    pk: int
    title: str
    section_title: str | None
    last_published_at: dt.datetime | None
    translation_state: str
    english_page_id: int | None
    translation_source_id: int | None


def ordered_rows(pages: QuerySet[Page]) -> QuerySet[Page]:
    """The report's order: most recently published first, since new and
    republished pages are the ones waiting for a translator; the path breaks ties
    so that pagination is stable."""
    return pages.order_by(F("last_published_at").desc(nulls_last=True), "path").values(*ROW_FIELDS)


@dataclass(frozen=True)
class StatusRow:
    """One line of the report, with the links it offers."""

    page_id: int
    title: str
    section_title: str
    last_published_at: dt.datetime | None
    state: TranslationState
    english_page_id: int | None
    translation_source_id: int | None

    @classmethod
    def from_values(cls, values: StatusRowValues) -> StatusRow:
        return cls(
            page_id=values["pk"],
            title=values["title"],
            section_title=values["section_title"] or "",
            last_published_at=values["last_published_at"],
            state=TranslationState(values["translation_state"]),
            english_page_id=values["english_page_id"],
            translation_source_id=values["translation_source_id"],
        )

    @property
    def edit_url(self) -> str:
        return reverse("wagtailadmin_pages:edit", args=[self.page_id])

    @property
    def state_label(self) -> str:
        return state_label(self.state)

    @property
    def needs_translator(self) -> bool:
        return needs_translator(self.state)

    @property
    def published_in_china(self) -> dt.datetime | None:
        # Converted explicitly: Wagtail activates the zone each admin user
        # picked, and the report speaks Beijing time like the calendar.
        return in_editorial_zone(self.last_published_at) if self.last_published_at else None

    @property
    def published_label(self) -> str:
        moment = self.published_in_china
        if moment is None:
            return ""
        return f"{local_date(moment.date())} {moment:%H:%M}"

    @property
    def action_url(self) -> str:
        """The translator's next step for this page."""
        if self.state is TranslationState.MISSING:
            # Also right for an English alias: wagtail-localize converts it.
            return reverse("wagtail_localize:submit_page_translation", args=[self.page_id])
        if self.state is TranslationState.OUTDATED and self.translation_source_id is not None:
            return reverse(
                "wagtail_localize:update_translations", args=[self.translation_source_id]
            )
        # Draft, current, or outdated with no TranslationSource to sync from
        # (a translation made by hand): the English page is where work goes on.
        return reverse("wagtailadmin_pages:edit", args=[self.english_page_id])

    @property
    def action_label(self) -> str:
        if self.state is TranslationState.OUTDATED and self.translation_source_id is None:
            return str(ACTION_LABELS[TranslationState.DRAFT])
        return str(ACTION_LABELS[self.state])
