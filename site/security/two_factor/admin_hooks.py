"""Wagtail hooks: the /admin/two-factor/ URLs, a link on the account page,
and a reset action in the user listing."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from . import urls
from .administration import may_reset


@hooks.register("register_admin_urls")
def register_two_factor_urls() -> list[Any]:
    return [path("two-factor/", include(urls, namespace="two_factor"))]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request: HttpRequest) -> dict[str, str]:
    return {
        "url": reverse("two_factor:overview"),
        "label": _("两步验证"),
        "help_text": _("登录时除密码外再输入手机身份验证器应用生成的验证码。"),
    }


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user: AbstractBaseUser, request_user: AbstractBaseUser) -> list[Button]:
    if not may_reset(request_user, user):
        return []
    return [
        Button(
            _("重置两步验证"),
            reverse("two_factor:reset_user", args=[user.pk]),
            icon_name="key",
            priority=90,
        )
    ]
