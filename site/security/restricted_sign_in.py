"""One door for signing in: the admin's.

Wagtail has a second sign-in form at /_util/login/ for pages restricted to
signed-in readers. It took a password alone on the public host, outside the
admin's host and network allow-list (admin_access), the proxy's sign-in rate
limit and the two-factor step. Here it sends the reader to the admin's
sign-in with the page to come back to, so every sign-in passes the same
checks; a reader the admin's policy does not let in cannot read sign-in-only
pages either. Where the admin has its own host name, sign-in-only pages can
be read on the public host only if the session cookie is shared with it
(SESSION_COOKIE_DOMAIN; docs/security.md).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe


@require_safe
def sign_in_through_the_admin(request: HttpRequest) -> HttpResponseRedirect:
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    # Past the password but not the code step: the admin's sign-in would send
    # a signed-in user straight back here; the code step is what is missing.
    step = (
        "two_factor:verify"
        if getattr(request, "half_signed_in_user", None)
        else "wagtailadmin_login"
    )
    return HttpResponseRedirect(f"{reverse(step)}?{urlencode({'next': target})}")
