"""The campaign page types as the page tree declares them, for the modules
that build the pages' context (week_page, archive).

The models call those modules, so the modules never import the models: a
page's children are found through the page's own ``subpage_types``, and rows
that hang off a page through the page's relations."""

from __future__ import annotations

from django.db import models
from wagtail.models import Page

WEEK = "campaigns.CampaignWeekPage"
GALLERY = "campaigns.CeremonyGalleryPage"
STAR_INDEX = "campaigns.LearningStarIndexPage"
PROJECT_INDEX = "campaigns.BrandProjectIndexPage"


def subpage_model(page: Page | type[Page], label: str) -> type[Page] | None:
    """The page type ``label`` among those ``page`` may have as children,
    or None when it may have no such child. No query."""
    for model in page.allowed_subpage_models():
        if model._meta.label == label:
            return model
    return None


def related_model(model: type[models.Model], relation: str) -> type[models.Model]:
    """The model at the other end of ``relation`` (``figures``, ``photos``)."""
    related = model._meta.get_field(relation).related_model
    if related is None:
        raise ValueError(f"{model._meta.label}.{relation} is not a relation")
    return related
