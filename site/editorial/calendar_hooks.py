"""Editorial calendar hooks: the admin URLs and the "编辑日历" menu."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.permissions import page_permission_policy

from .calendar import CALENDAR_ACTIONS
from .calendar_views import (
    CALENDAR_URL_NAME,
    EMBARGOED_URL_NAME,
    EditorialCalendarView,
    EmbargoedListView,
)


@hooks.register("register_admin_urls")
def register_calendar_urls() -> list[URLPattern]:
    # Admin URLs are wrapped in Wagtail's admin-access check by the hook.
    return [
        path("editorial/calendar/", EditorialCalendarView.as_view(), name=CALENDAR_URL_NAME),
        path("editorial/embargoed/", EmbargoedListView.as_view(), name=EMBARGOED_URL_NAME),
    ]


class PageWorkMenuItem(MenuItem):
    """Shown to the users the views let in: those who may work on some page."""

    def is_shown(self, request: HttpRequest) -> bool:
        return page_permission_policy.user_has_any_permission(request.user, list(CALENDAR_ACTIONS))


@hooks.register("register_admin_menu_item")
def register_calendar_menu() -> SubmenuMenuItem:
    # Items are built when the menu is first drawn, after the URLconf is loaded.
    calendar_menu = Menu(
        items=[
            PageWorkMenuItem(
                _("日历"),
                reverse(CALENDAR_URL_NAME),
                name="editorial-calendar-days",
                icon_name="date",
                order=100,
            ),
            PageWorkMenuItem(
                _("禁发期稿件"),
                reverse(EMBARGOED_URL_NAME),
                name="editorial-embargoed",
                icon_name="lock",
                order=200,
            ),
        ]
    )
    return SubmenuMenuItem(
        _("编辑日历"), calendar_menu, name="editorial-calendar", icon_name="date", order=250
    )
