"""Signing out of the admin answers a GET with a question, not half a sign-out.

Wagtail's logout view deletes the session cookie on every answer, including
the 405 that Django's LogoutView gives a GET (signing out takes a POST, so
that another site cannot sign an editor out): the browser forgot the cookie
while the session stayed valid on the server, so a copied cookie still
worked. A GET now shows a "sign out?" page whose button posts to Wagtail's
own view; a POST goes straight there.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.admin.views.account import LogoutView

wagtail_sign_out = LogoutView.as_view()


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return wagtail_sign_out(request)
    return render(request, "security/sign_out.html")
