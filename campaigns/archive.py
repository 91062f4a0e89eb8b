"""The archive of weeks (历届活动周): every week newest first with its
thumbnail, and charts of the headline figures across years."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any, cast

from django.db.models import Field, Prefetch, Q

from campaigns.charts import BarChart, Point, bar_chart
from campaigns.page_types import GALLERY, WEEK, related_model, subpage_model
from lifelong_site.i18n import is_english
from lifelong_site.models import SiteImage
from lifelong_site.public_pages import public

if TYPE_CHECKING:
    from campaigns.models import CampaignIndexPage, CampaignWeekPage, GalleryPhoto, HeadlineFigure

ARCHIVE_THUMBNAIL_FILTER = "fill-320x180|format-webp"
# The kinds of headline figure (HeadlineFigure.kind) the archive charts, in
# the order the issue of record lists them; "other" figures show on their
# week only.
CHARTED_KINDS = ("participants", "activities", "stars", "projects", "cities")


def archive_weeks(index: CampaignIndexPage) -> list[CampaignWeekPage]:
    week_model = subpage_model(index, WEEK)
    if week_model is None:
        return []
    # The weeks' paths first, from their own small table (a few dozen rows,
    # a query of its own): PostgreSQL expected 15 % of the archive under
    # the index's path and walked the whole page table by primary key to
    # join them (24 ms at 100,000 pages); by path (an index of the page
    # table; an id list is applied to the weeks' table) it reads the weeks alone.
    week_paths = list(week_model.objects.values_list("path", flat=True))
    weeks = list(
        public(week_model.objects.child_of(index).live().filter(path__in=week_paths))
        .select_related("thumbnail")
        .prefetch_related(
            Prefetch(
                "thumbnail",
                queryset=SiteImage.objects.prefetch_renditions(ARCHIVE_THUMBNAIL_FILTER),
            )
        )
        .defer_streamfields()
        .order_by("-year")
    )
    _attach_gallery_thumbnails(weeks, week_model)
    return weeks


def _attach_gallery_thumbnails(
    weeks: list[CampaignWeekPage], week_model: type[CampaignWeekPage]
) -> None:
    """A week without its own thumbnail shows its gallery's first photo: one
    query for every gallery's first photos, one for their renditions."""
    missing = {week.path: week for week in weeks if week.thumbnail_id is None}
    for week in weeks:
        week.card_image = week.thumbnail
    gallery_model = subpage_model(week_model, GALLERY)
    if not missing or gallery_model is None:
        return
    steplen = week_model.steplen
    children_of_weeks = Q()
    for path in missing:
        children_of_weeks |= Q(path__startswith=path, depth=len(path) // steplen + 1)
    galleries = (
        public(gallery_model.objects.live()).filter(children_of_weeks).values_list("pk", "path")
    )
    gallery_week = {pk: missing[path[:-steplen]] for pk, path in galleries}
    # The gallery's "photos" relation holds GalleryPhoto rows.
    photo_model = cast("type[GalleryPhoto]", related_model(gallery_model, "photos"))
    photos = (
        photo_model.objects.filter(page_id__in=gallery_week)
        .select_related("image")
        .prefetch_related(
            Prefetch(
                "image", queryset=SiteImage.objects.prefetch_renditions(ARCHIVE_THUMBNAIL_FILTER)
            )
        )
        .order_by("page_id", "sort_order", "pk")
    )
    for photo in photos:
        week = gallery_week[photo.page_id]
        if week.card_image is None:
            week.card_image = photo.image


def figure_charts(weeks: list[CampaignWeekPage]) -> list[BarChart]:
    if not weeks:
        return []
    english = is_english()
    by_kind: dict[str, list[Point]] = defaultdict(list)
    units: dict[str, str] = {}
    year_of = {week.pk: week.year for week in weeks}
    # The week's "figures" relation holds HeadlineFigure rows.
    figure_model = cast("type[HeadlineFigure]", related_model(type(weeks[0]), "figures"))
    kind_field = figure_model._meta.get_field("kind")
    assert isinstance(kind_field, Field)  # a column with choices, not a relation
    labels = dict(kind_field.flatchoices)
    figures = figure_model.objects.filter(page_id__in=year_of, kind__in=CHARTED_KINDS).order_by(
        "page_id", "sort_order"
    )
    for figure in figures:
        by_kind[figure.kind].append(Point(year_of[figure.page_id], figure.number))
        units.setdefault(figure.kind, figure.unit)
    return [
        bar_chart(kind, str(labels[kind]), units.get(kind, ""), by_kind[kind], english)
        for kind in CHARTED_KINDS
        if len(by_kind[kind]) >= 2  # one year is a fact, not a trend
    ]


def archive_context(index: CampaignIndexPage) -> dict[str, Any]:
    weeks = archive_weeks(index)
    return {"weeks": weeks, "charts": figure_charts(weeks)}
