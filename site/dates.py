"""Dates and times as each language's readers write them:
2024年4月27日 on Chinese pages, 27 April 2024 on English pages, always in
China Standard Time (TIME_ZONE) whatever the server's zone."""

from __future__ import annotations

import datetime as dt
from typing import overload

from django.utils import timezone

from lifelong_site.i18n import is_english

# Month names are spelled out rather than taken from the C locale, which would
# depend on the server's locale settings.
EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@overload
def to_local(value: dt.datetime) -> dt.datetime: ...
@overload
def to_local(value: dt.date) -> dt.date: ...
def to_local(value: dt.date) -> dt.date:
    """Aware datetimes in China Standard Time (TIME_ZONE); dates unchanged."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def local_date(value: dt.date | None) -> str:
    if not isinstance(value, dt.date):
        return ""
    value = to_local(value)
    if is_english():
        return f"{value.day} {EN_MONTHS[value.month - 1]} {value.year}"
    return f"{value.year}年{value.month}月{value.day}日"


def local_datetime(value: dt.date | None) -> str:
    """local_date plus the time of day (24-hour, as both audiences expect)."""
    if not isinstance(value, dt.datetime):
        return local_date(value)
    value = to_local(value)
    return f"{local_date(value)} {value:%H:%M}"


def iso(value: dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return to_local(value).isoformat(timespec="seconds")
    return value.isoformat()
