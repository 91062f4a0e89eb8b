"""The account page for two-factor sign-in: turn it on (scan, confirm),
get new recovery codes, turn it off."""

from __future__ import annotations

from base64 import b32encode
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from django_otp import login as otp_login
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from . import devices
from .forms import CodeForm
from .policy import is_required_for
from .qr import qr_svg

OVERVIEW_URL_NAME = "two_factor:overview"


def signed_in_user(request: HttpRequest) -> User:
    """The user of a two-factor page. Wagtail's admin-access check, which
    wraps these URLs, has already sent anybody not signed in to its login
    page; refused here too rather than taken for a user."""
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied
    return user


class TwoFactorOverviewView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "two_factor/overview.html"
    page_title = _("两步验证")
    header_icon = "key"
    http_method_names = ("get",)

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            # Wagtail's own label (and translation) for the account page.
            {"url": reverse("wagtailadmin_account"), "label": gettext("Account")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = signed_in_user(self.request)
        active = devices.authenticator(user)
        pending = None if active else devices.authenticator(user, confirmed=False)
        context.update(
            is_on=active is not None,
            required=is_required_for(user),
            pending=pending,
            codes_left=devices.recovery_codes_left(user) if active else 0,
        )
        if pending is not None:
            context.update(
                qr_code=qr_svg(pending.config_url, gettext("用身份验证器应用扫描此二维码")),
                secret=_grouped(b32encode(pending.bin_key).decode("ascii")),
            )
        context.setdefault("confirm_form", CodeForm(prefix="confirm", accept_recovery_codes=False))
        context.setdefault("disable_form", CodeForm(prefix="disable"))
        context.setdefault(
            "recovery_form", CodeForm(prefix="recovery", accept_recovery_codes=False)
        )
        return context

    def overview(self) -> HttpResponse:
        return HttpResponseRedirect(reverse(OVERVIEW_URL_NAME))

    def show_recovery_codes(self, codes: list[str]) -> HttpResponse:
        # Rendered into this response only, never stored in the session:
        # the codes are on screen once.
        context = self.get_context_data(
            recovery_codes=[devices.format_recovery_code(code) for code in codes]
        )
        response = self.response_class(
            request=self.request,
            template="two_factor/recovery_codes.html",
            context=context,
            using=self.template_engine,
        )
        response["Cache-Control"] = "no-store"
        return response


class StartEnrolmentView(TwoFactorOverviewView):
    http_method_names = ("post",)

    def post(self, request: HttpRequest) -> HttpResponse:
        # Never a second authenticator beside a working one: turning it off
        # first needs a current code.
        user = signed_in_user(request)
        if devices.authenticator(user) is None:
            devices.start_enrolment(user)
        return self.overview()


class ConfirmEnrolmentView(TwoFactorOverviewView):
    http_method_names = ("post",)

    def post(self, request: HttpRequest) -> HttpResponse:
        user = signed_in_user(request)
        form = CodeForm(request.POST, prefix="confirm", accept_recovery_codes=False)
        if devices.authenticator(user, confirmed=False) is None:
            return self.overview()
        if form.is_valid():
            attempt, codes = devices.confirm_enrolment(user, form.cleaned_data["code"])
            if attempt.accepted:
                # This session has just shown the second factor.
                otp_login(request, attempt.device)
                request.session.cycle_key()
                return self.show_recovery_codes(codes)
            form.refuse(attempt)
        return self.render_to_response(self.get_context_data(confirm_form=form))


class NewRecoveryCodesView(TwoFactorOverviewView):
    http_method_names = ("post",)

    def post(self, request: HttpRequest) -> HttpResponse:
        user = signed_in_user(request)
        form = CodeForm(request.POST, prefix="recovery", accept_recovery_codes=False)
        if devices.authenticator(user) is None:
            return self.overview()
        if form.is_valid():
            attempt = devices.verify(user, form.cleaned_data["code"])
            if attempt.accepted:
                return self.show_recovery_codes(devices.replace_recovery_codes(user))
            form.refuse(attempt)
        return self.render_to_response(self.get_context_data(recovery_form=form))


class DisableView(TwoFactorOverviewView):
    http_method_names = ("post",)

    def post(self, request: HttpRequest) -> HttpResponse:
        user = signed_in_user(request)
        form = CodeForm(request.POST, prefix="disable")
        if devices.authenticator(user) is None:
            return self.overview()
        if form.is_valid():
            attempt = devices.verify(user, form.cleaned_data["code"])
            if attempt.accepted:
                devices.remove_all_devices(user)
                messages.success(request, gettext("两步验证已关闭。"))
                return self.overview()
            form.refuse(attempt)
        return self.render_to_response(self.get_context_data(disable_form=form))


def _grouped(secret: str) -> str:
    """The base32 secret in groups of four, as authenticator apps accept it
    typed with or without spaces."""
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))
