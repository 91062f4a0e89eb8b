"""Server-side SVG bar charts of headline figures across years.

The geometry is computed here and drawn by a template, so the chart is plain
markup: readable without JavaScript, printable, and described for screen
readers (role="img" with a title and a summary), with the same numbers in a
data table next to it."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from campaigns.figures import format_number

WIDTH = 640
HEIGHT = 260
MARGIN_LEFT = 64
MARGIN_RIGHT = 12
MARGIN_TOP = 24
MARGIN_BOTTOM = 36


@dataclass(frozen=True)
class Point:
    year: int
    value: int


@dataclass(frozen=True)
class Bar:
    year: int
    value: int
    value_text: str
    x: float
    y: float
    width: float
    height: float

    @property
    def centre(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def label_y(self) -> float:
        return round(self.y - 6, 1)


@dataclass(frozen=True)
class Gridline:
    y: float
    label: str


@dataclass(frozen=True)
class BarChart:
    key: str
    title: str
    unit: str
    bars: list[Bar]
    gridlines: list[Gridline]
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - MARGIN_BOTTOM
    left: int = MARGIN_LEFT
    right: int = WIDTH - MARGIN_RIGHT

    @property
    def summary(self) -> str:
        """One sentence for the SVG's <desc>: range of years and extremes."""
        if not self.bars:
            return ""
        first, last = self.bars[0], self.bars[-1]
        peak = max(self.bars, key=lambda bar: bar.value)
        return _(
            "%(first_year)s–%(last_year)s年：从%(first)s到%(last)s；最高为%(peak_year)s年的%(peak)s。"
        ) % {
            "first_year": first.year,
            "last_year": last.year,
            "first": first.value_text,
            "last": last.value_text,
            "peak_year": peak.year,
            "peak": peak.value_text,
        }


def nice_ceiling(value: int) -> int:
    """The smallest 1, 2 or 5 times a power of ten at or above ``value``."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def bar_chart(key: str, title: str, unit: str, points: Sequence[Point], english: bool) -> BarChart:
    points = sorted(points, key=lambda point: point.year)
    top = nice_ceiling(max((point.value for point in points), default=1))
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    slot = plot_width / max(len(points), 1)
    bar_width = min(slot * 0.6, 48)
    bars = []
    for position, point in enumerate(points):
        height = plot_height * point.value / top
        bars.append(
            Bar(
                year=point.year,
                value=point.value,
                value_text=format_number(point.value, english),
                x=round(MARGIN_LEFT + slot * position + (slot - bar_width) / 2, 1),
                y=round(HEIGHT - MARGIN_BOTTOM - height, 1),
                width=round(bar_width, 1),
                height=round(height, 1),
            )
        )
    gridlines = [
        Gridline(
            round(HEIGHT - MARGIN_BOTTOM - plot_height * fraction, 1),
            format_number(int(top * fraction), english),
        )
        for fraction in (0, 0.5, 1)
    ]
    return BarChart(key=key, title=title, unit=unit, bars=bars, gridlines=gridlines)
