"""An administrator removes another user's two-factor devices (a lost or
replaced phone). The user then signs in with the password alone, or, if
two-factor sign-in is required for them, is led to enrol again."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, PermissionsMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from . import devices


def may_reset(request_user: AbstractBaseUser | AnonymousUser, target: AbstractBaseUser) -> bool:
    """Whoever may edit users in the admin, except that only a superuser may
    reset a superuser (as Wagtail's own user editing is arranged)."""
    if not isinstance(request_user, PermissionsMixin):
        return False  # anonymous, or a user model without permissions
    meta = get_user_model()._meta
    if not request_user.has_perm(f"{meta.app_label}.change_{meta.model_name}"):
        return False
    return request_user.is_superuser or not getattr(target, "is_superuser", False)


class ResetUserView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "two_factor/reset_user.html"
    page_title = _("重置两步验证")
    header_icon = "key"
    http_method_names = ("get", "post")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.target = get_object_or_404(get_user_model(), pk=kwargs["user_id"])
        if not may_reset(request.user, self.target):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return self.target.get_username()

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailusers_users:index"),
                "label": gettext("Users"),
            },  # Wagtail's own label
            {"url": "", "label": self.get_header_title()},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(target=self.target, has_device=devices.has_confirmed_device(self.target))
        return context

    def post(self, request: HttpRequest, user_id: int) -> HttpResponse:
        devices.remove_all_devices(self.target)
        messages.success(
            request,
            gettext("已移除用户“%(username)s”的两步验证设备。")
            % {"username": self.target.get_username()},
        )
        return HttpResponseRedirect(reverse("wagtailusers_users:index"))
