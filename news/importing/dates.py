"""Publication dates as saved pages write them.

Exact: 2024-04-27, 2024/4/27, 2024.4.27, 2024年4月27日 (with or without a
time), April 27, 2024, 27 April 2024. Relative ("昨天", "Yesterday", "3天前")
or a year alone cannot be dated from the file: the caller infers the year
from the content and marks the date approximate."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_TIME = r"(?:\s*(?P<hour>\d{1,2})[:：](?P<minute>\d{2})(?:[:：]\d{2})?)?"

NUMERIC_RE = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d{2})\s*[-/.年]\s*(?P<month>\d{1,2})\s*[-/.月]\s*(?P<day>\d{1,2})\s*日?"
    + _TIME
)
ENGLISH_MDY_RE = re.compile(
    rf"\b(?P<month>{_MONTH_NAMES})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{{2}})\b"
    + _TIME,
    re.IGNORECASE,
)
ENGLISH_DMY_RE = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_NAMES})\.?,?\s+(?P<year>(?:19|20)\d{{2}})\b"
    + _TIME,
    re.IGNORECASE,
)
RELATIVE_RE = re.compile(
    r"(昨天|昨日|前天|今天|今日|\d+\s*天前|\byesterday\b|\btoday\b|\b\d+\s+days?\s+ago\b)",
    re.IGNORECASE,
)
YEAR_RE = re.compile(r"(?<![\d〔\[［(（])((?:19|20)\d{2})(?![\d〕\]］)）])")
# A line that is only a date (and perhaps labels), as under a headline.
DATE_LABEL_RE = re.compile(
    r"^(发布时间|发布日期|时间|日期|date|published|posted|updated?)\s*[:：]?\s*", re.IGNORECASE
)


_CHINESE_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CHINESE_DATE_RE = re.compile(
    r"(?P<year>[〇零○Ｏ一二三四五六七八九]{4})\s*年\s*(?P<month>[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(?P<day>[一二三四五六七八九十]{1,3})\s*日"
)


def _chinese_number(text: str) -> int:
    """一 … 三十一, as written in dates: 十 = 10, 十二 = 12, 二十 = 20, 二十七 = 27."""
    if "十" not in text:
        return _CHINESE_DIGITS[text]
    tens, _ten, units = text.partition("十")
    return (_CHINESE_DIGITS[tens] if tens else 1) * 10 + (_CHINESE_DIGITS[units] if units else 0)


def arabic_dates(text: str) -> str:
    """二〇二四年四月二十七日 → 2024年4月27日, the form official documents
    use under their signature."""

    def convert(match: re.Match[str]) -> str:
        year = "".join(str(_CHINESE_DIGITS[char]) for char in match["year"])
        return f"{year}年{_chinese_number(match['month'])}月{_chinese_number(match['day'])}日"

    return _CHINESE_DATE_RE.sub(convert, text)


@dataclass(frozen=True)
class FoundDate:
    value: dt.datetime  # naive, in China Standard Time
    has_time: bool


def find_date(text: str) -> FoundDate | None:
    """The first exact date in ``text``."""
    text = arabic_dates(text)
    best: tuple[int, FoundDate] | None = None
    for pattern in (NUMERIC_RE, ENGLISH_MDY_RE, ENGLISH_DMY_RE):
        for match in pattern.finditer(text):
            found = _to_date(match)
            if found is not None and (best is None or match.start() < best[0]):
                best = (match.start(), found)
                break
    return best[1] if best else None


def _to_date(match: re.Match[str]) -> FoundDate | None:
    month_text = match["month"]
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower().rstrip("."))
    try:
        hour = int(match["hour"]) if match["hour"] else 0
        minute = int(match["minute"]) if match["minute"] else 0
        value = dt.datetime(int(match["year"]), month or 0, int(match["day"]), hour, minute)
    except (TypeError, ValueError):
        return None
    return FoundDate(value, has_time=bool(match["hour"]))


def is_relative(text: str) -> bool:
    return bool(RELATIVE_RE.search(text))


def is_date_line(line: str) -> bool:
    """A short line that is a date, perhaps labelled, perhaps with a source."""
    if len(line) > 60:
        return False
    stripped = DATE_LABEL_RE.sub("", line)
    return find_date(stripped) is not None and len(stripped) < 40


def likely_year(texts: list[str], lowest: int = 2005, highest: int = 2035) -> int | None:
    """The year an undated article is about: the first in the title if any,
    else the one its text mentions most (document-number years excluded)."""
    for text in texts[:1]:
        years = [int(year) for year in YEAR_RE.findall(text) if lowest <= int(year) <= highest]
        if years:
            return years[0]
    counts = Counter(
        int(year)
        for text in texts
        for year in YEAR_RE.findall(text)
        if lowest <= int(year) <= highest
    )
    return counts.most_common(1)[0][0] if counts else None
