"""Translation status hooks: the report's admin URL, its entry in the Reports
menu, and the "source republished" email."""

from __future__ import annotations

from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import notifications
from .status import STATUS_URL_NAME
from .status_views import TranslationStatusView

# Connected here too so that the email works as soon as Wagtail loads the
# hooks (first admin request); the app's ready() is the place that also
# covers management commands such as publish_scheduled. Connecting twice is
# harmless: the receiver has a dispatch_uid.
notifications.connect()


@hooks.register("register_admin_urls")
def register_status_urls() -> list[URLPattern]:
    # The hook wraps these in Wagtail's admin-access check, which is all the
    # report asks for (see TranslationStatusView).
    return [path("translations/status/", TranslationStatusView.as_view(), name=STATUS_URL_NAME)]


@hooks.register("register_reports_menu_item")
def register_status_menu_item() -> MenuItem:
    # Built when the menu is first drawn, after the URLconf is loaded.
    return MenuItem(
        _("翻译状态"),
        reverse(STATUS_URL_NAME),
        name="translation-status",
        icon_name="wagtail-localize-language",
        order=900,
    )
