"""Headline figures written the way each language reads large numbers:
5000000 is 500万 in Chinese and 5 million in English."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from lifelong_site.i18n import is_english

_ZH_UNITS = ((100_000_000, "亿"), (10_000, "万"))
_EN_UNITS = ((1_000_000_000, "billion"), (1_000_000, "million"))


def _trim(value: Decimal) -> str:
    text = format(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), "f")
    return text[:-2] if text.endswith(".0") else text


def format_number(number: int, english: bool | None = None) -> str:
    english = is_english() if english is None else english
    if english:
        for size, word in _EN_UNITS:
            if number >= size:
                return f"{_trim(Decimal(number) / size)} {word}"
        return f"{number:,}"
    for size, word in _ZH_UNITS:
        # 12,000 reads better as 12000 than as 1.2万; words start at 10万.
        if number >= size * (10 if word == "万" else 1):
            return f"{_trim(Decimal(number) / size)}{word}"
    return str(number)


def with_unit(number: int, unit: str, english: bool | None = None) -> str:
    english = is_english() if english is None else english
    text = format_number(number, english)
    if not unit:
        return text
    return f"{text} {unit}" if english else f"{text}{unit}"


def edition_label(edition: int) -> str:
    return _("第%(edition)s届") % {"edition": edition}
