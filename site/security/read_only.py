"""The public site is read-only for anonymous readers.

Wagtail serves a page for any HTTP method, so without this a POST to an
article would render it (and bypass caches keyed on GET). Only GET, HEAD and
OPTIONS reach public URLs; the few that must accept a form or a beacon are
listed here, each with its reason. The admin has its own rules (sign-in,
CSRF, permissions) and is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed

from .admin_access import ADMIN_PATH_PREFIXES

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# Public URLs that accept a POST, with why.
WRITABLE_PUBLIC_PATHS = (
    # The view counter beacon: it can only add one view to a live public page.
    re.compile(r"^/api/views/\d+/$"),
    # Wagtail's password forms for restricted pages and documents
    # (CSRF-protected; throttled by the proxy like the admin's sign-in).
    # Signing in to read a page goes through the admin (restricted_sign_in).
    re.compile(r"^/(?:en/)?_util/authenticate_with_password/\d+/\d+/$"),
    re.compile(r"^/documents/authenticate_with_password/\d+/$"),
)


class PublicReadOnlyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in READ_METHODS and not self.may_write(request.path):
            return HttpResponseNotAllowed(sorted(READ_METHODS))
        return self.get_response(request)

    @staticmethod
    def may_write(path: str) -> bool:
        if path.startswith(ADMIN_PATH_PREFIXES):
            return True
        return any(pattern.match(path) for pattern in WRITABLE_PUBLIC_PATHS)
