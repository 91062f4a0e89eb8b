"""Template tags of the campaign pages and the home page's week banner."""

from __future__ import annotations

from django import template

from campaigns.current import CurrentWeek, current_week
from campaigns.figures import edition_label, with_unit

register = template.Library()


@register.simple_tag(takes_context=True)
def current_week_banner(context: template.Context) -> CurrentWeek | None:
    page = context.get("page")
    if page is None:
        return None
    return current_week(page.locale_id)


@register.filter
def figure_text(figure) -> str:
    """A headline figure's number and unit, e.g. 500万人次 / 5 million visits."""
    return with_unit(figure.number, figure.unit)


@register.filter
def edition(number: int) -> str:
    return edition_label(number)
