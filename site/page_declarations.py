"""What the platform apps need to know about each page type, declared by the type.

Every page type says, beside its panels, search fields and translatable
fields, in one `declarations = PageDeclarations(...)`:

- ``editors``: who writes pages of this type. ``SectionEditors(group)`` when
  this type is a section that a group of editors is given (the news listing
  and its editors); ``REGION_EDITORS`` when each page belongs to the editors
  of its region (a provincial section under a week); ``None`` when the
  section above decides.
- ``search_kind``: what the page is in search, one of the search app's kinds
  ("release", "notice", "week", "gallery", "star", "project", "regional", or
  "page" for home and section pages). A "week" page has a ``year`` and the
  pages below it belong to that week.
- ``purge_routes``: the page's own sub-routes (RoutablePageMixin) that show
  its children and must leave the proxy cache with them, e.g. a listing's
  "feed".

The platform apps (editorial, search, caching) read these by iterating
`declared_page_models()` instead of naming page classes, and the system
checks below refuse a page type that forgets its declarations or declares
something the platform cannot use.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core import checks


@dataclass(frozen=True)
class SectionEditors:
    """The editors' group given the first page of this type in the source
    language (and everything below it)."""

    group: str


@dataclass(frozen=True)
class RegionEditors:
    """Each page belongs to the editors' group of its own ``region``."""


REGION_EDITORS = RegionEditors()


@dataclass(frozen=True)
class PageDeclarations:
    editors: SectionEditors | RegionEditors | None
    search_kind: str
    purge_routes: tuple[str, ...] = ()


def declared_page_models() -> Iterator[type[Any]]:
    """Every concrete page type of the site (those built on BasePage)."""
    from wagtail.models import get_page_models

    from .models.base import BasePage

    for model in get_page_models():
        if issubclass(model, BasePage) and not model._meta.abstract:
            yield model


def declarations_of(page_or_model: Any) -> PageDeclarations | None:
    """A page's (or page type's) declarations; None for Wagtail's root page."""
    declared = getattr(page_or_model, "declarations", None)
    return declared if isinstance(declared, PageDeclarations) else None


def models_declaring(predicate: Any) -> list[type[Any]]:
    return [model for model in declared_page_models() if predicate(model.declarations)]


@checks.register()
def check_page_declarations(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    for model in declared_page_models():
        declared = getattr(model, "declarations", None)
        if not isinstance(declared, PageDeclarations):
            errors.append(
                checks.Error(
                    f"{model._meta.label} declares no `declarations = PageDeclarations(...)`.",
                    hint="Say who edits the page type, what it is in search and which of its routes "
                    "show its children (lifelong_site.page_declarations).",
                    obj=model,
                    id="lifelong_site.E001",
                )
            )
            continue
        if isinstance(declared.editors, RegionEditors) and not _has_field(model, "region"):
            errors.append(
                checks.Error(
                    f"{model._meta.label} is given to its region's editors but has no `region`.",
                    obj=model,
                    id="lifelong_site.E002",
                )
            )
        errors.extend(_route_errors(model, declared))
    return errors


def _has_field(model: type[Any], name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


def _route_errors(model: type[Any], declared: PageDeclarations) -> list[checks.CheckMessage]:
    if not declared.purge_routes:
        return []
    from wagtail.contrib.routable_page.models import RoutablePageMixin

    if not issubclass(model, RoutablePageMixin):
        names: set[str] = set()
    else:
        names = {pattern.name for pattern in model.get_subpage_urls() if pattern.name}
    return [
        checks.Error(
            f"{model._meta.label} declares purge route {route!r}, which it does not have.",
            obj=model,
            id="lifelong_site.E003",
        )
        for route in declared.purge_routes
        if route not in names
    ]
