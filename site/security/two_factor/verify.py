"""The second sign-in step: after the password, a code."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django_otp import login as otp_login

from . import devices
from .forms import CodeForm
from .middleware import is_verified
from .views import signed_in_user

VERIFY_URL_NAME = "two_factor:verify"


def safe_next(request: HttpRequest, candidate: str | None) -> str:
    """Where to go after verifying: the page asked for, if it is on this
    site; otherwise the dashboard (a crafted link must not send a freshly
    signed-in editor to another site)."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


class VerifyView(View):
    template_name = "two_factor/verify.html"
    http_method_names = ("get", "post")

    def get(self, request: HttpRequest) -> HttpResponse:
        next_url = safe_next(request, request.GET.get("next"))
        if self.nothing_to_verify(request):
            return HttpResponseRedirect(next_url)
        return self.show(request, CodeForm(), next_url)

    def post(self, request: HttpRequest) -> HttpResponse:
        next_url = safe_next(request, request.POST.get("next"))
        if self.nothing_to_verify(request):
            return HttpResponseRedirect(next_url)
        form = CodeForm(request.POST)
        if form.is_valid():
            attempt = devices.verify(signed_in_user(request), form.cleaned_data["code"])
            if attempt.accepted:
                otp_login(request, attempt.device)
                # A new session key for the fully signed-in session, as after the password.
                request.session.cycle_key()
                return HttpResponseRedirect(next_url)
            form.refuse(attempt)
        return self.show(request, form, next_url)

    @staticmethod
    def nothing_to_verify(request: HttpRequest) -> bool:
        user = signed_in_user(request)
        # is_verified(): set on the user by django-otp's OTPMiddleware.
        return is_verified(user) or not devices.has_confirmed_device(user)

    def show(self, request: HttpRequest, form: CodeForm, next_url: str) -> HttpResponse:
        response = render(request, self.template_name, {"form": form, "next": next_url})
        response["Cache-Control"] = "no-store"
        return response
