"""Template tags of the campaign pages and the home page's week banner."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from campaigns.figures import edition_label, with_unit
from lifelong_site.json_ld import json_for_script, page_language

register = template.Library()


@register.filter
def figure_text(figure) -> str:
    """A headline figure's number and unit, e.g. 500万人次 / 5 million visits."""
    return with_unit(figure.number, figure.unit)


@register.filter
def edition(number: int) -> str:
    return edition_label(number)


@register.simple_tag(takes_context=True)
def week_json_ld(context: template.Context) -> SafeString:
    """schema.org Event data for a week page: dates, the ceremony's city,
    organisers and, per province, a sub-event (search engines show these)."""
    page = context["page"]
    request = context.get("request")
    url = page.get_full_url(request) or ""
    start = page.starts_on or page.ceremony_on
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "EventSeries" if context.get("schedule") else "Event",
        "name": page.title,
        "url": url,
        "inLanguage": page_language(request, page),
        "eventAttendanceMode": "https://schema.org/MixedEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
    }
    if page.theme:
        data["description"] = page.theme
    if start:
        data["startDate"] = start.isoformat()
        data["endDate"] = (page.ends_on or start).isoformat()
    if page.host_city:
        data["location"] = {
            "@type": "Place",
            "name": page.venue or page.host_city,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": page.host_city,
                "addressCountry": "CN",
            },
        }
    organisers = context.get("organisers") or []
    if organisers:
        data["organizer"] = [
            {"@type": "Organization", "name": organisation.display_name}
            for organisation in organisers
        ]
    sub_events = [
        {
            "@type": "Event",
            "name": f"{page.title} · {entry.region_name}",
            "startDate": entry.row.starts_on.isoformat(),
            "endDate": entry.row.ends_on.isoformat(),
            "location": {
                "@type": "Place",
                "name": entry.row.host_city or entry.region_name,
                "address": {
                    "@type": "PostalAddress",
                    "addressRegion": entry.region_name,
                    "addressCountry": "CN",
                },
            },
        }
        for entry in context.get("schedule") or []
    ]
    if sub_events:
        data["subEvent"] = sub_events
    return json_for_script(data)
