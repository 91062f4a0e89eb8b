"""The home page's featured section: this year's week (the banner), its
ceremony photos, its Learning Stars and the week's quick links, in a fixed
number of queries however many weeks, photos and stars there are. (The
sections the home page links to are the editors' choice: HomePage.quick_links.)

When this year's week has no gallery or no stars yet (a week being prepared,
the demonstration week), each section falls back on its own to the most
recent earlier week that has them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django import template
from django.db.models import CharField, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Concat, Length, Substr
from wagtail.models import Page

from campaigns.current import CurrentWeek, current_week
from campaigns.models import (
    CampaignWeekPage,
    CeremonyGalleryPage,
    LearningStarIndexPage,
    LearningStarPage,
    ScheduleRow,
)
from campaigns.models.gallery import GalleryPhoto
from campaigns.profile_listing import profile_cards
from campaigns.schedule import today
from lifelong_site.public_pages import public

register = template.Library()

FEATURED_PHOTOS = 4
FEATURED_STARS = 4


@dataclass
class FeaturedWeekContent:
    current: CurrentWeek | None = None  # the banner's week (campaigns.current)
    has_schedule: bool = False  # the current week's page has its #schedule section
    gallery: CeremonyGalleryPage | None = None
    gallery_year: int | None = None
    photos: list[Any] = field(default_factory=list)  # GalleryPhoto, numbered, thumbnails prefetched
    star_index: LearningStarIndexPage | None = None
    star_year: int | None = None
    stars: list[LearningStarPage] = field(default_factory=list)

    @property
    def week(self) -> CampaignWeekPage | None:
        return self.current.week if self.current else None


def _week_year() -> Subquery:
    """The year of the live week a page sits directly under."""
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    weeks = CampaignWeekPage.objects.filter(path=parent_path, live=True)
    return Subquery(weeks.values("year")[:1], output_field=IntegerField())


def _latest_under_a_week(queryset, locale_id: int, up_to_year: int, **having: Any) -> Any:
    """The page of ``queryset`` under the most recent live week up to
    ``up_to_year`` that also satisfies ``having`` (Exists annotations)."""
    return (
        public(queryset.live())
        .filter(locale_id=locale_id)
        .annotate(week_year=_week_year(), **having)
        .filter(week_year__lte=up_to_year, **dict.fromkeys(having, True))
        .defer_streamfields()
        .order_by("-week_year", "path")
        .first()
    )


def _gallery(content: FeaturedWeekContent, locale_id: int, year: int) -> None:
    has_photos = Exists(GalleryPhoto.objects.filter(page=OuterRef("pk")))
    gallery = _latest_under_a_week(
        CeremonyGalleryPage.objects, locale_id, year, has_photos=has_photos
    )
    if gallery is not None:
        content.gallery = gallery
        content.gallery_year = gallery.week_year
        content.photos = gallery.photo_list()[:FEATURED_PHOTOS]


def _stars(content: FeaturedWeekContent, locale_id: int, year: int) -> None:
    # The children as a range of the path index (a child's path is its
    # parent's and steplen more characters of its alphabet), not path LIKE parent||'%':
    # a pattern built from the outer row cannot use an index, and PostgreSQL
    # then hashed every live star of the archive (29 ms at 100,000 pages).
    live_stars = LearningStarPage.objects.live().filter(
        path__gt=OuterRef("path"),
        path__lte=Concat(
            OuterRef("path"), Value(Page.alphabet[-1] * Page.steplen), output_field=CharField()
        ),
        depth=OuterRef("depth") + 1,
    )
    index = _latest_under_a_week(
        LearningStarIndexPage.objects, locale_id, year, has_stars=Exists(live_stars)
    )
    if index is None:
        return
    content.star_index = index
    content.star_year = index.week_year
    content.stars = list(
        profile_cards(public(LearningStarPage.objects.child_of(index).live()))[:FEATURED_STARS]
    )


@register.simple_tag(takes_context=True)
def featured_week_content(context: template.Context) -> FeaturedWeekContent:
    """Everything the home page shows about the weeks. ``page`` is the home page."""
    page = context.get("page")
    content = FeaturedWeekContent()
    if page is None or not page.pk:
        return content
    content.current = current_week(page.locale_id)
    if content.current is None:
        return content
    week = content.current.week
    content.has_schedule = ScheduleRow.objects.filter(page=week).exists()
    _gallery(content, page.locale_id, week.year)
    _stars(content, page.locale_id, week.year)
    return content


@register.simple_tag
def local_today() -> dt.date:
    """Today in China Standard Time: the home page's content varies by it
    (the week's banner) as well as by the generation."""
    return today()
