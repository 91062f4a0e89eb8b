"""Percentiles as the tables give them."""

from __future__ import annotations

import math
import statistics


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (p95 of 20 values: the 19th smallest)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered), max(1, math.ceil(share * len(ordered)))) - 1]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0
