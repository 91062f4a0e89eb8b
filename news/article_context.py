"""Everything an article page shows around its body: breadcrumbs, previous
and next in its listing, related items, view count, annexes. Kept out of the
model so each piece stays small and testable; every piece costs a fixed
number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from wagtail.models import Page

from lifelong_site.navigation import ancestors_of, breadcrumbs
from lifelong_site.public_pages import public

if TYPE_CHECKING:
    from news.models import ArticlePage, NoticeAnnex

RELATED_ITEMS = 4


def neighbours(page: ArticlePage) -> tuple[Page | None, Page | None]:
    """(newer, older) siblings of the same type in the listing, by publication time."""
    if page.pk is None:  # a preview of a page not saved yet has no siblings to compare
        return None, None
    siblings = public(type(page).objects.sibling_of(page, inclusive=False).live()).only(
        "id", "title", "url_path", "path", "depth", "locale_id", "published_at"
    )
    newer = (
        siblings.filter(
            Q(published_at__gt=page.published_at)
            | Q(published_at=page.published_at, pk__gt=page.pk)
        )
        .order_by("published_at", "pk")
        .first()
    )
    older = (
        siblings.filter(
            Q(published_at__lt=page.published_at)
            | Q(published_at=page.published_at, pk__lt=page.pk)
        )
        .order_by("-published_at", "-pk")
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
    if not week_id and not tag_ids:
        return chosen
    condition = Q(campaign_week_id=week_id) if week_id else Q()
    if tag_ids:
        # A subquery, not a join through the tags: no duplicate rows, so no
        # DISTINCT, and PostgreSQL can walk the published_at index newest
        # first and stop at four instead of sorting every match.
        condition |= Q(
            pk__in=page.tags.through.objects.filter(tag_id__in=tag_ids).values("content_object_id")
        )
    more = (
        public(type(page).objects.live())
        .filter(locale_id=page.locale_id)
        .filter(condition)
        .exclude(pk__in=[page.pk, *[p.pk for p in chosen]])
        .order_by("-published_at")
        .only("id", "title", "url_path", "path", "depth", "locale_id", "published_at")
    )
    return chosen + list(more[: RELATED_ITEMS - len(chosen)])


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
    newer, older = neighbours(page)
    crumbs = breadcrumbs(page, request)
    return {
        "breadcrumbs": crumbs,
        "newer_item": newer,
        "older_item": older,
        "related_items": related_items(page),
        "view_count": view_count(page),
        "change_notes": list(page.change_notes.all()),
        "listing": parent_of(page),
    }
