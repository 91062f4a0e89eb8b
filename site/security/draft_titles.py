"""A draft's title is for those who may edit the page.

Wagtail's admin shows a page under its draft title everywhere (explorer,
choosers, search): so a provincial editor browsing the page chooser read the
titles of other sections' unpublished changes to live pages (the title of an
embargoed correction can be the news). For someone who may not edit the page,
the admin shows its live title instead. The user is the admin request's; this
middleware puts it where the page model can read it.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

from .admin_access import ADMIN_PATH_PREFIXES

admin_viewer: ContextVar[Any] = ContextVar("admin_viewer", default=None)


class AdminViewerMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(ADMIN_PATH_PREFIXES):
            return self.get_response(request)
        token = admin_viewer.set(request.user)
        try:
            return self.get_response(request)
        finally:
            admin_viewer.reset(token)


def title_for_admin_viewer(page: Any) -> str | None:
    """The live title when this admin request's user may not edit the page
    and it has unpublished changes; None for "show the draft's title"."""
    viewer = admin_viewer.get()
    if viewer is None or not page.live or not page.has_unpublished_changes:
        return None
    if not viewer.is_authenticated or viewer.is_superuser:
        return None
    if page.permissions_for_user(viewer).can_edit():
        return None
    return page.title
