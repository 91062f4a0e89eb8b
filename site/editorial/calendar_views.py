"""The editorial calendar and the embargo list in the Wagtail admin."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permissions import page_permission_policy

from .calendar import (
    CALENDAR_ACTIONS,
    FIRST_YEAR,
    LAST_YEAR,
    Period,
    PeriodKind,
    calendar_items,
    editorial_today,
    embargoed_items,
    group_by_day,
    is_within_calendar,
    parse_iso_week,
    single_day,
    week_containing,
)

CALENDAR_URL_NAME = "editorial_calendar"
EMBARGOED_URL_NAME = "editorial_embargoed"

OUT_OF_RANGE_MESSAGE = _("只能查看%(first)d年至%(last)d年之间的日程。")


def check_within_calendar(day: dt.date) -> dt.date:
    if not is_within_calendar(day):
        raise ValidationError(OUT_OF_RANGE_MESSAGE, params={"first": FIRST_YEAR, "last": LAST_YEAR})
    return day


class CalendarPeriodForm(forms.Form):
    """The ?week=2026-W17 or ?day=2026-04-27 parameter; neither means this week."""

    week = forms.CharField(label=_("周"), required=False, max_length=10)
    day = forms.DateField(
        label=_("日期"),
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("日期应写成“2026-04-27”的形式。")},
    )

    def clean_week(self) -> dt.date | None:
        value = self.cleaned_data["week"]
        if not value:
            return None
        monday = parse_iso_week(value)
        if monday is None:
            raise ValidationError(_("周应写成“2026-W17”的形式（年份-W周数）。"))
        return check_within_calendar(monday)

    def clean_day(self) -> dt.date | None:
        day = self.cleaned_data["day"]
        return check_within_calendar(day) if day else None

    def period(self, today: dt.date) -> Period:
        """The period asked for; this week when nothing or something invalid was asked for."""
        if not self.is_valid():
            return week_containing(today)
        if self.cleaned_data["day"]:
            return single_day(self.cleaned_data["day"])
        return week_containing(self.cleaned_data["week"] or today)


class EditorialAdminView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Shown to whoever may add, edit or publish some page; each item is then
    filtered to the pages that user may handle."""

    permission_policy = page_permission_policy
    any_permission_required = list(CALENDAR_ACTIONS)

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class EditorialCalendarView(EditorialAdminView):
    template_name = "editorial/calendar.html"
    page_title = _("编辑日历")
    header_icon = "date"

    def get_header_buttons(self) -> list[HeaderButton]:
        return [HeaderButton(_("禁发期稿件"), reverse(EMBARGOED_URL_NAME), icon_name="lock")]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = editorial_today()
        form = CalendarPeriodForm(self.request.GET)
        period = form.period(today)
        items = calendar_items(self.request.user, period)
        context.update(
            form=form,
            period=period,
            is_week=period.kind is PeriodKind.WEEK,
            days=group_by_day(items, period, today),
            item_count=len(items),
            awaiting_approval_count=sum(item.needs_approval for item in items),
            today_value=today.isoformat(),
            current_week_value=week_containing(today).query_value,
            week_of_period_value=week_containing(period.first_day).query_value,
            first_allowed_day=dt.date(FIRST_YEAR, 1, 1).isoformat(),
            last_allowed_day=dt.date(LAST_YEAR, 12, 31).isoformat(),
        )
        return context


class EmbargoedListView(EditorialAdminView):
    template_name = "editorial/embargoed.html"
    page_title = _("禁发期稿件")
    header_icon = "lock"

    def get_header_buttons(self) -> list[HeaderButton]:
        return [HeaderButton(_("编辑日历"), reverse(CALENDAR_URL_NAME), icon_name="date")]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["embargoed"] = embargoed_items(self.request.user, timezone.now())
        return context
