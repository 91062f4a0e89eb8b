"""The translation status report in the Wagtail admin (报表 → 翻译状态)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from lifelong_site.editorial.calendar import FIRST_YEAR, LAST_YEAR
from lifelong_site.i18n import TranslationState

from .status import (
    Section,
    StatusFilters,
    StatusRow,
    in_section_and_period,
    in_state,
    needs_translator,
    ordered_rows,
    source_pages,
    source_sections,
    state_counts,
)
from .sync_state import state_label

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ROWS_PER_PAGE = 50
PAGE_PARAMETER = "p"  # the parameter Wagtail's pagination_nav.html writes

DATE_FORMAT_MESSAGE = _("日期应写成“2026-04-27”的形式。")
DATE_RANGE_MESSAGE = _("日期须在%(first)d年至%(last)d年之间。")
DATE_ORDER_MESSAGE = _("起始日期不能晚于截止日期。")


def state_tag_class(state: TranslationState) -> str:
    """The CSS of a state's Wagtail status tag: filled for what waits for a
    translator, outlined for what does not."""
    return "w-status--primary" if needs_translator(state) else "w-status--label"


def check_within_years(day: dt.date | None) -> dt.date | None:
    """Keeps dates where the midnight arithmetic of the filter cannot overflow
    (9999-12-31 has no following day) and where publications can exist."""
    if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValidationError(DATE_RANGE_MESSAGE, params={"first": FIRST_YEAR, "last": LAST_YEAR})
    return day


def iso_date_field(label: StrOrPromise) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": DATE_FORMAT_MESSAGE},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class StatusFilterForm(forms.Form):
    """The GET parameters section, state, date_from and date_to.

    A bad value is reported on the page and ignored; the others still apply,
    so a typo in one date does not hide the rest of the report.
    """

    section = forms.TypedChoiceField(label=_("栏目"), required=False, coerce=int, empty_value=None)
    state = forms.TypedChoiceField(
        label=_("英文状态"),
        required=False,
        coerce=TranslationState,
        empty_value=None,
        choices=[
            ("", _("全部状态")),
            *((state.value, state_label(state)) for state in TranslationState),
        ],
    )
    date_from = iso_date_field(_("发布日期自"))
    date_to = iso_date_field(_("至"))

    def __init__(self, data: QueryDict, sections: Sequence[Section]) -> None:
        super().__init__(data)
        # Sections come from the one query the view makes for them, rather
        # than a ModelChoiceField that would query for its choices and again
        # to validate.
        self.sections = {section.id: section for section in sections}
        # Declared above as a TypedChoiceField; `fields` holds plain Fields to mypy.
        cast(forms.TypedChoiceField, self.fields["section"]).choices = [
            ("", _("全部栏目")),
            *((section.id, section.title) for section in sections),
        ]

    def clean_date_from(self) -> dt.date | None:
        return check_within_years(self.cleaned_data["date_from"])

    def clean_date_to(self) -> dt.date | None:
        return check_within_years(self.cleaned_data["date_to"])

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data  # what Form.clean returns
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            # Neither end alone is what was meant: drop the range as a whole.
            del cleaned["date_from"], cleaned["date_to"]
            self.add_error(None, DATE_ORDER_MESSAGE)
        return cleaned

    def filters(self) -> StatusFilters:
        """The valid part of what was asked for (nothing invalid is applied)."""
        self.is_valid()  # fills cleaned_data with the fields that passed
        cleaned = self.cleaned_data
        section_id = cleaned.get("section")
        return StatusFilters(
            section=self.sections.get(section_id) if section_id is not None else None,
            state=cleaned.get("state"),
            published_from=cleaned.get("date_from"),
            published_to=cleaned.get("date_to"),
        )


def filter_query(filters: StatusFilters, state: TranslationState | None) -> str:
    """The query string that shows `filters` with another state (and page 1)."""
    params = QueryDict(mutable=True)
    if filters.section is not None:
        params["section"] = str(filters.section.id)
    if state is not None:
        params["state"] = state.value
    if filters.published_from is not None:
        params["date_from"] = filters.published_from.isoformat()
    if filters.published_to is not None:
        params["date_to"] = filters.published_to.isoformat()
    return "?" + params.urlencode()


@dataclass(frozen=True)
class StateSummary:
    """One entry of the counts above the table; each links to its filter."""

    state: TranslationState
    count: int
    url: str
    is_selected: bool

    @property
    def label(self) -> str:
        return state_label(self.state)

    @property
    def tag_class(self) -> str:
        return state_tag_class(self.state)


class KnownCountPaginator(WagtailPaginator):
    """A paginator told its total rather than counting: the per-state counts
    already hold it, and counting again would rerun every subquery."""

    def __init__(self, object_list: Any, per_page: int, count: int) -> None:
        super().__init__(object_list, per_page)
        self.known_count = count

    @property
    def count(self) -> int:
        return self.known_count

    @property
    def verbose_name(self) -> str:
        return str(_("个页面"))

    @property
    def verbose_name_plural(self) -> str:
        return str(_("个页面"))


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    """Open to every admin user: it only lists live pages, which anyone can
    read, and each action link leads to a view that checks its own permission."""

    template_name = "localization/status.html"
    page_title = _("翻译状态")
    header_icon = "wagtail-localize-language"

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = StatusFilterForm(self.request.GET, source_sections())
        filters = form.filters()
        narrowed = in_section_and_period(source_pages(), filters)
        counts = state_counts(narrowed)
        total = counts[filters.state] if filters.state else sum(counts.values())
        paginator = KnownCountPaginator(
            ordered_rows(in_state(narrowed, filters.state)), ROWS_PER_PAGE, total
        )
        page_obj = paginator.get_page(self.request.GET.get(PAGE_PARAMETER))
        context.update(
            form=form,
            filters=filters,
            summary=[
                StateSummary(
                    state=state,
                    count=counts[state],
                    url=filter_query(filters, state),
                    is_selected=filters.state is state,
                )
                for state in TranslationState
            ],
            all_states_url=filter_query(filters, None),
            all_states_count=sum(counts.values()),
            total=total,
            rows=[StatusRow.from_values(values) for values in page_obj.object_list],
            page_obj=page_obj,
            paginator=paginator,
            elided_page_range=paginator.get_elided_page_range(page_obj.number),
        )
        return context
