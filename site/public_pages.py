"""Pages the public may see, with the view restrictions read once.

Wagtail's ``PageQuerySet.public()`` reads every page view restriction
(password, sign-in, groups) each time it is called: the home page called it
seven times, an article three. ``public(queryset)`` excludes the same
subtrees from the restricted paths, read once per request and, while
fragments are shared, once per generation for the whole installation
(lifelong_site.memo: saving or deleting a restriction starts a new
generation).
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import QuerySet
from wagtail.models import PageViewRestriction

from lifelong_site.memo import shared

Q = TypeVar("Q", bound=QuerySet)


def restricted_paths() -> tuple[str, ...]:
    """Tree paths of the pages with a view restriction; everything at or
    below them is not public."""
    return shared(None, "restricted-paths", _read_paths)


def _read_paths() -> tuple[str, ...]:
    return tuple(PageViewRestriction.objects.values_list("page__path", flat=True))


def public(queryset: Q) -> Q:
    """``queryset.public()`` without reading the restrictions again."""
    for path in restricted_paths():
        queryset = queryset.exclude(path__startswith=path)
    return queryset
