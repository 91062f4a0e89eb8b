"""The archive of weeks (历届活动周): every week newest first with its
thumbnail, and charts of the headline figures across years."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Prefetch, Q
from lifelong_site.i18n import is_english
from lifelong_site.models import SiteImage
from lifelong_site.public_pages import public

from campaigns.charts import BarChart, Point, bar_chart
from campaigns.models import (
    CampaignIndexPage,
    CampaignWeekPage,
    CeremonyGalleryPage,
    GalleryPhoto,
    HeadlineFigure,
)
from campaigns.models.weeks import CHARTED_KINDS, FigureKind

ARCHIVE_THUMBNAIL_FILTER = "fill-320x180|format-webp"


def archive_weeks(index: CampaignIndexPage) -> list[CampaignWeekPage]:
    weeks = list(
        public(CampaignWeekPage.objects.child_of(index).live())
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
    _attach_gallery_thumbnails(weeks)
    return weeks


def _attach_gallery_thumbnails(weeks: list[CampaignWeekPage]) -> None:
    """A week without its own thumbnail shows its gallery's first photo: one
    query for every gallery's first photos, one for their renditions."""
    missing = {week.path: week for week in weeks if week.thumbnail_id is None}
    for week in weeks:
        week.card_image = week.thumbnail
    if not missing:
        return
    children_of_weeks = Q()
    for path in missing:
        children_of_weeks |= Q(
            path__startswith=path, depth=len(path) // CampaignWeekPage.steplen + 1
        )
    galleries = (
        public(CeremonyGalleryPage.objects.live())
        .filter(children_of_weeks)
        .values_list("pk", "path")
    )
    gallery_week = {pk: missing[path[: -CampaignWeekPage.steplen]] for pk, path in galleries}
    photos = (
        GalleryPhoto.objects.filter(page_id__in=gallery_week)
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
    english = is_english()
    by_kind: dict[str, list[Point]] = defaultdict(list)
    units: dict[str, str] = {}
    year_of = {week.pk: week.year for week in weeks}
    figures = HeadlineFigure.objects.filter(
        page_id__in=year_of, kind__in=[kind.value for kind in CHARTED_KINDS]
    ).order_by("page_id", "sort_order")
    for figure in figures:
        by_kind[figure.kind].append(Point(year_of[figure.page_id], figure.number))
        units.setdefault(figure.kind, figure.unit)
    return [
        bar_chart(
            kind.value,
            str(FigureKind(kind).label),
            units.get(kind.value, ""),
            by_kind[kind.value],
            english,
        )
        for kind in CHARTED_KINDS
        if len(by_kind[kind.value]) >= 2  # one year is a fact, not a trend
    ]


def archive_context(index: CampaignIndexPage) -> dict[str, Any]:
    weeks = archive_weeks(index)
    return {"weeks": weeks, "charts": figure_charts(weeks)}
