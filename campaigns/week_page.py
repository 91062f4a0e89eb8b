"""What a week page shows besides its own fields: organisers, figures, the
schedule, and the pages that belong to the week (releases, notices, gallery,
stars, projects), each fetched once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from campaigns.page_types import GALLERY, PROJECT_INDEX, STAR_INDEX, subpage_model
from campaigns.profile_listing import prefetch_portraits, profile_cards
from campaigns.schedule import scheduled_weeks, timeline, today
from lifelong_site.public_pages import public

if TYPE_CHECKING:
    from campaigns.models import CampaignWeekPage

PREVIEW_PHOTOS = 6
PREVIEW_PROFILES = 8
# Releases and notices listed on a week's page; the rest are in the listings.
WEEK_ARTICLES = 10


def _child(week: CampaignWeekPage, label: str) -> Any:
    """The week's live, public child page of type ``label`` (the first)."""
    model = subpage_model(week, label)
    return None if model is None else public(model.objects.child_of(week).live()).first()


def _profiles(index: Any) -> tuple[list[Any], int]:
    if index is None:
        return [], 0
    items = profile_cards(
        public(index.profile_model.objects.child_of(index).live()), with_portraits=False
    )
    return list(items[:PREVIEW_PROFILES]), items.count()


def linked_articles(week: CampaignWeekPage) -> dict[str, Any]:
    """The week's newest releases and notices, and when there are more, the
    listings that have them all: the news filtered by this week, the
    notices of its year. The listings are found through the articles' own
    parent types (campaigns does not import news), in one query."""
    listing_of = {}
    found: dict[str, Any] = {}
    for key, relation in (("releases", "press_releases"), ("notices", "notices")):
        found[key] = week.linked_articles(relation, WEEK_ARTICLES)
        article_model = week._meta.get_field(relation).related_model
        listing_of[key] = ContentType.objects.get_for_model(
            article_model.allowed_parent_page_models()[0]
        ).pk
    listings = {
        page.content_type_id: page
        for page in Page.objects.live()
        .filter(locale_id=week.locale_id, content_type_id__in=listing_of.values())
        .only("id", "url_path", "path", "depth", "locale_id", "content_type_id")
    }

    def more_url(key: str, parameter: str) -> str:
        listing = listings.get(listing_of[key])
        if listing is None or len(found[key]) <= WEEK_ARTICLES:
            return ""
        return f"{listing.url}?{parameter}={week.year}"

    return {
        "week_releases": found["releases"][:WEEK_ARTICLES],
        "week_notices": found["notices"][:WEEK_ARTICLES],
        "more_releases_url": more_url("releases", "week"),
        "more_notices_url": more_url("notices", "year"),
    }


def week_context(week: CampaignWeekPage) -> dict[str, Any]:
    day = today()
    weeks = scheduled_weeks(week.schedule.select_related("region"), day)
    gallery = _child(week, GALLERY)
    star_index = _child(week, STAR_INDEX)
    project_index = _child(week, PROJECT_INDEX)
    stars, star_total = _profiles(star_index)
    projects, project_total = _profiles(project_index)
    prefetch_portraits(stars, projects)  # both kinds in one query
    return {
        "organisers": [row.organisation for row in week.organisers.select_related("organisation")],
        "figures": list(week.figures.all()),
        "schedule": weeks,
        "timeline": timeline(weeks),
        "is_current_year": week.year == day.year,
        "today": day,
        **linked_articles(week),
        "gallery": gallery,
        "gallery_preview": gallery.photo_list()[:PREVIEW_PHOTOS] if gallery else [],
        "star_index": star_index,
        "stars": stars,
        "star_total": star_total,
        "project_index": project_index,
        "projects": projects,
        "project_total": project_total,
    }
