"""Hold a signed-in editor at the second sign-in step until it is done.

After the password (Wagtail's login view) the session is signed in but not
yet verified. A user with a confirmed device is sent from every admin URL to
the code page; a user who must use two-factor sign-in but has no device yet
is sent to the enrolment page. Everybody else passes. Runs after
django-otp's OTPMiddleware, which sets `request.user.is_verified()`.

It works in `process_view`, where the URL is already resolved, so the
exceptions are view names rather than path strings that could drift.
Outside the admin, the same half-signed-in session counts as anonymous
(`treat_half_signed_in_as_anonymous`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from ..admin_access import ADMIN_PATH_PREFIXES
from .devices import has_confirmed_device
from .policy import is_required_for

# Reachable half-signed-in: signing in and out, and what those pages load.
ALWAYS_OPEN = frozenset(
    {
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "admin_sign_out",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
    }
)
VERIFY_VIEWS = frozenset({"two_factor:verify"})
# Enrolment only; turning 2FA off or new recovery codes need a device anyway.
ENROLMENT_VIEWS = frozenset({"two_factor:overview", "two_factor:start", "two_factor:confirm"})


class RequireVerifiedEditorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(ADMIN_PATH_PREFIXES):
            treat_half_signed_in_as_anonymous(request)
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        if not request.path.startswith(ADMIN_PATH_PREFIXES):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None  # Wagtail sends anonymous visitors to its login page
        view_name = request.resolver_match.view_name if request.resolver_match else ""
        if view_name in ALWAYS_OPEN or is_verified(user):
            return None
        if has_confirmed_device(user):
            return (
                None
                if view_name in VERIFY_VIEWS
                else redirect_with_next("two_factor:verify", request)
            )
        if is_required_for(user):
            return (
                None
                if view_name in ENROLMENT_VIEWS
                else HttpResponseRedirect(reverse("two_factor:overview"))
            )
        return None


def treat_half_signed_in_as_anonymous(request: HttpRequest) -> None:
    """Outside the admin, a session that has passed the password but not the
    code step is nobody: sign-in-only pages, private documents and the
    userbar see an anonymous reader. Without this, the password alone opened
    everything that asks only "is someone signed in"."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or is_verified(user):
        return
    if has_confirmed_device(user) or is_required_for(user):
        # For the sign-in door (restricted_sign_in); an attribute of ours that
        # HttpRequest's stubs cannot know.
        request.half_signed_in_user = user  # type: ignore[attr-defined]
        request.user = AnonymousUser()


def is_verified(user: Any) -> bool:
    # Without OTPMiddleware there is no is_verified(): count as not verified
    # rather than let everybody through.
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def redirect_with_next(url_name: str, request: HttpRequest) -> HttpResponseRedirect:
    return HttpResponseRedirect(
        f"{reverse(url_name)}?{urlencode({'next': request.get_full_path()})}"
    )
