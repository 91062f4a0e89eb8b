"""Content-Security-Policy and Permissions-Policy on every response.

The public pages run only the site's own script files and the inline scripts
hashed in `inline_scripts`: no 'unsafe-inline', no 'unsafe-eval', so markup
that slipped into a page cannot run. The admin gets a looser policy, since
Wagtail's and wagtail-localize's admin templates still carry inline scripts
(date pickers, inline panels); it is otherwise as tight, and only the admin
may frame its own pages (the live preview panel).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .admin_access import ADMIN_PATH_PREFIXES
from .inline_scripts import inline_script_hashes

# Features no page of the site uses; a script that slipped in cannot ask for them.
PERMISSIONS_POLICY = (
    ", ".join(
        f"{feature}=()"
        for feature in (
            "accelerometer",
            "autoplay",
            "camera",
            "display-capture",
            "geolocation",
            "gyroscope",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "usb",
            "interest-cohort",
        )
    )
    + ", fullscreen=(self)"
)


def serialise(directives: dict[str, list[str]]) -> str:
    return "; ".join(f"{name} {' '.join(values)}".strip() for name, values in directives.items())


def public_policy() -> str:
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *inline_script_hashes(), *settings.CSP_EXTRA_SCRIPT_SRC],
        # Styles may be inline (a banner's style attribute, embeds): CSS cannot run code.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", *settings.CSP_EXTRA_IMG_SRC],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "frame-src": ["'self'", *settings.CSP_EXTRA_FRAME_SRC],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return serialise(with_reporting(directives))


def admin_policy() -> str:
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        # Image choosers show previews of remote embeds (oEmbed thumbnails).
        "img-src": ["'self'", "data:", "blob:", "https:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "frame-src": ["'self'", "https:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
    return serialise(with_reporting(directives))


def with_reporting(directives: dict[str, list[str]]) -> dict[str, list[str]]:
    if settings.CSP_REPORT_URI:
        directives["report-uri"] = [settings.CSP_REPORT_URI]
    return directives


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    @cached_property
    def policies(self) -> tuple[str, str]:
        return public_policy(), admin_policy()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        public, admin = self.policies
        is_admin = request.path.startswith(ADMIN_PATH_PREFIXES)
        # A view may set its own (stricter) policy, e.g. a served document.
        response.headers.setdefault("Content-Security-Policy", admin if is_admin else public)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
