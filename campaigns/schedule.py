"""The provincial schedule ("one province, one week") as a table and as a
month-by-month timeline, with the weeks running today marked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone

if TYPE_CHECKING:
    from campaigns.models import ScheduleRow


def today() -> dt.date:
    """Today in the site's zone (China Standard Time), whatever the server's."""
    return timezone.localdate()


@dataclass(frozen=True)
class ScheduledWeek:
    row: ScheduleRow
    is_current: bool

    @property
    def region_name(self) -> str:
        return self.row.region.display_name


@dataclass(frozen=True)
class TimelineMonth:
    month: dt.date  # the first day of the month
    weeks: list[ScheduledWeek]

    @property
    def is_current(self) -> bool:
        return any(week.is_current for week in self.weeks)


def scheduled_weeks(rows: Iterable[ScheduleRow], day: dt.date) -> list[ScheduledWeek]:
    ordered = sorted(rows, key=lambda row: (row.starts_on, row.region.sort_order))
    return [ScheduledWeek(row, row.is_running_on(day)) for row in ordered]


def timeline(weeks: list[ScheduledWeek]) -> list[TimelineMonth]:
    """Weeks grouped by the month they start in, months in calendar order."""
    months: dict[dt.date, list[ScheduledWeek]] = {}
    for week in weeks:
        months.setdefault(week.row.starts_on.replace(day=1), []).append(week)
    return [TimelineMonth(month, entries) for month, entries in sorted(months.items())]
