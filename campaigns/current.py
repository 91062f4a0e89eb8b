"""The week the home page promotes, chosen from the campaign data: this
year's week if it has been published, else the most recent one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from campaigns.models import CampaignWeekPage, ScheduleRow
from campaigns.schedule import today
from lifelong_site.public_pages import public


@dataclass(frozen=True)
class CurrentWeek:
    week: CampaignWeekPage
    state: str  # "upcoming", "running", "ended" or "undated"
    running_rows: list[ScheduleRow]


def _state(week: CampaignWeekPage, day: dt.date) -> str:
    starts_on = week.starts_on or week.ceremony_on
    ends_on = week.ends_on or starts_on
    if starts_on is None or ends_on is None:
        return "undated"
    if day < starts_on:
        return "upcoming"
    return "running" if day <= ends_on else "ended"


def current_week(locale_id: int, day: dt.date | None = None) -> CurrentWeek | None:
    day = day or today()
    week = (
        public(CampaignWeekPage.objects.live())
        .filter(locale_id=locale_id, year__lte=day.year)
        .defer_streamfields()
        .order_by("-year")
        .first()
    )
    if week is None:
        return None
    running = list(
        ScheduleRow.objects.filter(page=week, starts_on__lte=day, ends_on__gte=day)
        .select_related("region")
        .order_by("starts_on")
    )
    return CurrentWeek(week=week, state=_state(week, day), running_rows=running)
