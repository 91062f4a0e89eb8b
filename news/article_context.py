"""Everything an article page shows around its body: breadcrumbs, previous
and next in its listing, related items, view count, annexes. Kept out of the
model so each piece stays small and testable; every piece costs a fixed
number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import F
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page

from lifelong_site.navigation import ancestors_of, breadcrumbs
from lifelong_site.public_pages import public

if TYPE_CHECKING:
    from news.models import ArticlePage, NoticeAnnex

RELATED_ITEMS = 4


def neighbours(page: ArticlePage) -> tuple[Page | None, Page | None]:
    """(newer, older) siblings of the same type in the listing, by publication time.

    Each is the first row of an index range: a row comparison on
    (published_at, id), which PostgreSQL answers by walking the
    published_at index from this page's place and stopping at the first
    sibling, so the cost does not grow with the listing. (An OR of the two
    conditions made it read the index from one end up to this page.)"""
    if page.pk is None:  # a preview of a page not saved yet has no siblings to compare
        return None, None
    siblings = public(
        type(page)
        .objects.sibling_of(page, inclusive=False)
        .live()
        .filter(listing_locale=page.locale_id)  # the index in this language's order
    ).only("id", "title", "url_path", "path", "depth", "locale_id", "published_at")
    place = Tuple(F("published_at"), F("page_ptr_id"))
    here = (page.published_at, page.pk)
    newer = (
        siblings.filter(TupleGreaterThan(place, here))
        .order_by("published_at", "page_ptr_id")
        .first()
    )
    older = (
        siblings.filter(TupleLessThan(place, here))
        .order_by("-published_at", "-page_ptr_id")
        .first()
    )
    return newer, older


def related_items(page: ArticlePage) -> list[Page]:
    """Editor-chosen related pages (in the reader's language where translated),
    topped up with the newest articles of the same campaign week or tags."""
    chosen_ids = (
        [link.page_id for link in page.related_links.all()]
        if hasattr(page, "related_links")
        else []
    )
    chosen: list[Page] = []
    if chosen_ids:
        targets = {p.pk: p for p in public(Page.objects.filter(pk__in=chosen_ids).live())}
        translated = {
            p.translation_key: p
            for p in public(
                Page.objects.filter(
                    translation_key__in=[t.translation_key for t in targets.values()],
                    locale_id=page.locale_id,
                ).live()
            )
        }
        for target_id in chosen_ids:
            target = targets.get(target_id)
            if target is not None:
                chosen.append(translated.get(target.translation_key, target))
    if len(chosen) >= RELATED_ITEMS:
        return chosen[:RELATED_ITEMS]
    week_id = getattr(page, "campaign_week_id", None)
    tag_ids = [tag.pk for tag in page.tag_list]
    wanted = RELATED_ITEMS - len(chosen)
    candidates = (
        public(type(page).objects.live())
        .filter(locale_id=page.locale_id, listing_locale=page.locale_id)
        .exclude(pk__in=[page.pk, *[p.pk for p in chosen]])
        .order_by("-published_at")
        .only("id", "title", "url_path", "path", "depth", "locale_id", "published_at")
    )
    # The newest of the week and the newest sharing a tag, each its own
    # index walk that stops at `wanted` rows (the week's through the
    # (campaign_week, published_at) index), in one UNION ALL; the newest of
    # both is the newest of either. One query with the two conditions OR-ed
    # walked every release newest first until enough matched: an old week's
    # page read most of the archive.
    parts = []
    if week_id:
        parts.append(candidates.filter(campaign_week_id=week_id)[:wanted])
    if tag_ids:
        # A subquery, not a join through the tags: no duplicate rows.
        tagged = page.tags.through.objects.filter(tag_id__in=tag_ids).values("content_object_id")
        parts.append(candidates.filter(pk__in=tagged)[:wanted])
    if not parts:
        return chosen
    if len(parts) > 1 and connection.features.supports_slicing_ordering_in_compound:
        rows = list(parts[0].union(*parts[1:], all=True))
    else:  # SQLite cannot limit the parts of a UNION: a query each
        rows = [row for part in parts for row in part]
    newest: dict[int, Page] = {}
    for row in sorted(rows, key=lambda row: (row.published_at, row.pk), reverse=True):
        newest.setdefault(row.pk, row)
    return chosen + list(newest.values())[:wanted]


def view_count(page: Page) -> int:
    # The counts hang off every page (PageViewCount, related name view_count).
    counts = page._meta.get_field("view_count").related_model
    return counts.objects.filter(page_id=page.pk).values_list("views", flat=True).first() or 0


@dataclass(frozen=True)
class AnnexView:
    number: int
    annex: NoticeAnnex
    title: str
    document: Any
    file_type: str
    file_size: int | None
    in_other_language: bool  # e.g. a Chinese file shown on the English page


def annex_views(annexes: list[NoticeAnnex], language_code: str) -> list[AnnexView]:
    views = []
    for number, annex in enumerate(annexes, start=1):
        document = annex.document
        size = None
        if document is not None:
            # file_size is cached on upload; documents made in code may lack it.
            size = document.get_file_size()
        views.append(
            AnnexView(
                number=number,
                annex=annex,
                title=annex.title,
                document=document,
                file_type=document.extension if document is not None else "",
                file_size=size,
                in_other_language=document is not None and document.language != language_code,
            )
        )
    return views


def parent_of(page: ArticlePage) -> Page | None:
    """The listing above the page, from the ancestors its breadcrumbs read."""
    ancestors = ancestors_of(page)
    if ancestors and ancestors[-1].depth == page.depth - 1:
        return ancestors[-1]
    return page.get_parent()


def article_context(page: ArticlePage, request) -> dict[str, Any]:
    # Lazy: the template shows them in a page fragment kept per generation
    # (article_page.html, {% page_fragment %}), so their queries run only
    # when the fragment is rendered, once after each publication.
    around = SimpleLazyObject(lambda: neighbours(page))
    crumbs = breadcrumbs(page, request)
    return {
        "breadcrumbs": crumbs,
        "newer_item": SimpleLazyObject(lambda: around[0]),
        "older_item": SimpleLazyObject(lambda: around[1]),
        "related_items": SimpleLazyObject(lambda: related_items(page)),
        "view_count": view_count(page),
        "change_notes": list(page.change_notes.all()),
        "listing": parent_of(page),
    }
