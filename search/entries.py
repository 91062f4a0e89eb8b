"""Keep one ``SearchEntry`` per live page in step with publishing.

``describe`` reads a specific page into the entry's flat columns; the signal
handlers in ``search.signals`` call ``refresh_page`` on publish, move,
translation and privacy changes and remove the entry on unpublish and delete.
``rebuild_entries`` recreates every entry in batches, for ``update_index``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.blocks import StreamValue
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.rich_text import RichText
from wagtail.search import index

from lifelong_site.page_declarations import declarations_of, models_declaring

from .models import Kind, SearchEntry

# The first ~4000 characters (two screens of a release) carry what readers
# search for; segmenting more costs index time on every page of the archive.
BODY_TEXT_LIMIT = 4000
BATCH_SIZE = 200


def kind_of(page: Page) -> Kind:
    """What the page's type declares it is in search (its `declarations`);
    Wagtail's root and anything undeclared are plain pages."""
    declared = declarations_of(page)
    return Kind(declared.search_kind) if declared else Kind.PAGE


def week_models() -> list[type[Page]]:
    """The page types that are a campaign week: they have a year, and the
    pages below them belong to it."""
    return models_declaring(lambda declared: declared.search_kind == Kind.WEEK)


@dataclass
class TreeFacts:
    """What an entry needs from the rest of the tree, read once per batch:
    the campaign weeks (for pages filed under one) and restricted paths."""

    weeks_by_path: dict[str, tuple[int, int | None]]
    weeks_by_id: dict[int, int | None]
    restricted_paths: tuple[str, ...]

    @classmethod
    def load(cls) -> TreeFacts:
        weeks = [
            row
            for model in week_models()
            for row in model.objects.values_list("pk", "path", "year")
        ]
        return cls(
            weeks_by_path={path: (pk, year) for pk, path, year in weeks},
            weeks_by_id={pk: year for pk, _path, year in weeks},
            restricted_paths=tuple(
                PageViewRestriction.objects.values_list("page__path", flat=True)
            ),
        )

    def week_above(self, page: Page) -> tuple[int, int | None] | None:
        for depth in range(page.depth - 1, 1, -1):
            found = self.weeks_by_path.get(page.path[: depth * Page.steplen])
            if found:
                return found
        return None

    def is_public(self, page: Page) -> bool:
        return not any(page.path.startswith(path) for path in self.restricted_paths)


def _plain(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, StreamValue):
        return " ".join(str(part) for part in value.stream_block.get_searchable_content(value))
    if isinstance(value, RichText):
        return strip_tags(value.source)
    text = str(value)
    return strip_tags(text) if "<" in text else text


def page_text(page: Page) -> str:
    """The page's searchable text: every SearchField its model declares
    (except the title, indexed on its own), related fields included."""
    parts: list[str] = []
    for field in page.get_search_fields():
        if isinstance(field, index.SearchField) and field.field_name != "title":
            value = getattr(page, field.field_name, None)
            parts.append(_plain(value() if callable(value) else value))
        elif isinstance(field, index.RelatedFields):
            related = getattr(page, field.field_name, None)
            if related is not None and hasattr(related, "all"):
                items = related.all()
            else:
                items = [related] if related else []
            for item in items:
                for sub_field in field.fields:
                    if isinstance(sub_field, index.SearchField):
                        parts.append(_plain(getattr(item, sub_field.field_name, None)))
    text = " ".join(part.strip() for part in parts if part and part.strip())
    return text[:BODY_TEXT_LIMIT]


def _page_date(page: Page) -> dt.date | None:
    for name in ("published_at", "ceremony_on", "starts_on"):
        value = getattr(page, name, None)
        if isinstance(value, dt.datetime):
            return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        if isinstance(value, dt.date):
            return value
    published = page.first_published_at or page.last_published_at
    return timezone.localtime(published).date() if published else None


def describe(page: Page, facts: TreeFacts) -> SearchEntry:
    """An unsaved entry holding what search needs to know about ``page``."""
    kind = kind_of(page)
    date = _page_date(page)
    week_id: int | None = getattr(page, "campaign_week_id", None)
    year: int | None = getattr(page, "year", None)
    if kind == Kind.WEEK:
        week_id = page.pk
    elif week_id is None:
        above = facts.week_above(page)
        if above:
            week_id, year = above[0], year or above[1]
    if year is None and week_id is not None:
        year = facts.weeks_by_id.get(week_id)
    if year is None and date is not None:
        year = date.year
    region_id = getattr(page, "region_id", None)
    return SearchEntry(
        facet_key=f"{kind}|{year or ''}|{region_id or ''}",
        page_id=page.pk,
        locale_id=page.locale_id,
        kind=kind,
        display_title=page.title[:255],
        body_text=page_text(page),
        date=date,
        year=year,
        region_id=region_id,
        campaign_week_id=week_id,
        document_number=(getattr(page, "document_number", "") or "")[:64],
        is_public=facts.is_public(page),
    )


def refresh_page(page: Page, *, descendants: bool = False) -> None:
    """Create, update or remove the entry of ``page``, and of its descendants
    when asked (a move, a view restriction or a week's year changes them)."""
    facts = TreeFacts.load()
    if not descendants:
        save_entry(page.specific_deferred if type(page) is Page else page, facts)
        return
    pages = Page.objects.descendant_of(page, inclusive=True).specific()
    for specific in pages.iterator(chunk_size=BATCH_SIZE):
        save_entry(specific, facts)


def save_entry(page: Page, facts: TreeFacts) -> None:
    if not page.live or page.depth <= 1:
        remove_page(page)
        return
    entry = describe(page, facts)
    entry.save()  # Wagtail's post_save handler indexes it in every backend.


def remove_page(page: Page) -> None:
    # Deleting through the ORM sends post_delete, which removes the entry from
    # every backend's index, search server included.
    for entry in SearchEntry.objects.filter(page_id=page.pk):
        entry.delete()


def live_pages() -> PageQuerySet:
    return Page.objects.live().filter(depth__gt=1).specific().order_by("path")


def rebuild_entries(pages: Iterable[Page] | None = None) -> Iterator[SearchEntry]:
    """Recreate every entry, yielding each one (for a progress bar). Entries
    of pages no longer live are removed first. Saving bypasses the backends'
    signal handlers: the index rebuild that follows indexes them in bulk."""
    facts = TreeFacts.load()
    with transaction.atomic():
        live_ids = Page.objects.live().values("pk")
        SearchEntry.objects.exclude(page_id__in=live_ids).delete()
    batch: list[SearchEntry] = []
    for page in pages if pages is not None else live_pages().iterator(chunk_size=BATCH_SIZE):
        entry = describe(page, facts)
        batch.append(entry)
        yield entry
        if len(batch) >= BATCH_SIZE:
            _write(batch)
            batch = []
    _write(batch)


def _write(batch: list[SearchEntry]) -> None:
    if not batch:
        return
    fields = [f.name for f in SearchEntry._meta.concrete_fields if f.name != "page"]
    SearchEntry.objects.bulk_create(
        batch, update_conflicts=True, unique_fields=["page"], update_fields=fields
    )
