"""What a week page shows besides its own fields: organisers, figures, the
schedule, and the pages that belong to the week (releases, notices, gallery,
stars, projects), each fetched once."""

from __future__ import annotations

from typing import Any

from lifelong_site.public_pages import public

from campaigns.models import (
    BrandProjectIndexPage,
    BrandProjectPage,
    CampaignWeekPage,
    CeremonyGalleryPage,
    LearningStarIndexPage,
    LearningStarPage,
)
from campaigns.models.gallery import THUMBNAIL_FILTERS
from campaigns.profile_listing import prefetch_portraits, profile_cards
from campaigns.schedule import scheduled_weeks, timeline, today

PREVIEW_PHOTOS = 6
PREVIEW_PROFILES = 8


def _child(week: CampaignWeekPage, model: type) -> Any:
    return public(model.objects.child_of(week).live()).first()


def _profiles(index: Any, model: type) -> tuple[list[Any], int]:
    if index is None:
        return [], 0
    items = profile_cards(public(model.objects.child_of(index).live()), with_portraits=False)
    return list(items[:PREVIEW_PROFILES]), items.count()


def week_context(week: CampaignWeekPage) -> dict[str, Any]:
    day = today()
    weeks = scheduled_weeks(week.schedule.select_related("region"), day)
    gallery = _child(week, CeremonyGalleryPage)
    star_index = _child(week, LearningStarIndexPage)
    project_index = _child(week, BrandProjectIndexPage)
    stars, star_total = _profiles(star_index, LearningStarPage)
    projects, project_total = _profiles(project_index, BrandProjectPage)
    prefetch_portraits(stars, projects)  # both kinds in one query
    return {
        "organisers": [row.organisation for row in week.organisers.select_related("organisation")],
        "figures": list(week.figures.all()),
        "schedule": weeks,
        "timeline": timeline(weeks),
        "is_current_year": week.year == day.year,
        "today": day,
        "week_releases": week.linked_articles("press_releases"),
        "week_notices": week.linked_articles("notices"),
        "gallery": gallery,
        "gallery_preview": gallery.photo_list()[:PREVIEW_PHOTOS] if gallery else [],
        "gallery_thumbnail_filter": THUMBNAIL_FILTERS[0],
        "star_index": star_index,
        "stars": stars,
        "star_total": star_total,
        "project_index": project_index,
        "projects": projects,
        "project_total": project_total,
    }
