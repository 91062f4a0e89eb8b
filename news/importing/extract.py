"""From the lines of a saved page to an article: title, date, source and
reprint lines, document number and addressees (which make it a notice),
annexes, and the body as headings, paragraphs and lists."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from typing import Any

from lifelong_site.document_numbers import parse_document_number

from .cleaning import PART_SPLIT_RE, is_column_label, strip_boilerplate
from .dates import DATE_LABEL_RE, find_date, is_date_line, is_relative, likely_year
from .reading import SourceDocument, UnreadableFile

Block = tuple[str, Any]

MAX_TITLE_LENGTH = 150
HEADER_SCAN_LINES = 12

_SOURCE_RE = re.compile(
    r"^(?:信息来源|稿件来源|文章来源|来源|出处|source)\s*[:：]\s*(?P<value>.{1,80})$", re.IGNORECASE
)
_REPRINT_RE = re.compile(
    r"^(?:转载自|转自|转载|原载|reprinted from|originally published (?:in|by))\s*[:：]?\s*(?P<value>.{1,120})$",
    re.IGNORECASE,
)
_AUTHOR_RE = re.compile(
    r"^(?:作者|记者|撰稿|文|通讯员|by)\s*[:：]?\s*(?P<value>[^\d:：]{1,40})$", re.IGNORECASE
)
_ENGLISH_NUMBER_RE = re.compile(
    r"[\[［〔(（]\s*(?:19|20)\d{2}\s*[\]］〕)）]\s*No\.?\s*\d+", re.IGNORECASE
)
_ADDRESSEE_WORDS = re.compile(
    r"(各|厅|局|委|部门|单位|学校|机构|department|bureau|commission|office|federation|universit)",
    re.IGNORECASE,
)
_ANNEX_RE = re.compile(
    r"^(?:附件|attachments?|annex(?:es)?|enclosures?)\s*[:：]\s*(?P<rest>.*)$", re.IGNORECASE
)
_NUMBERED_ITEM_RE = re.compile(
    r"^\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[.、．]\s*(?P<text>.+)$"
)
_CHINESE_NUMERAL = "一二三四五六七八九十"
_HEADING_PATTERNS = (
    (re.compile(rf"^[{_CHINESE_NUMERAL}]{{1,3}}\s*[、．.]\s*\S"), "h2"),  # 一、总体要求
    (re.compile(r"^\d{1,2}\s*[.、．]\s+\S"), "h2"),  # 1. Overall requirements
    (
        re.compile(
            r"^(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)(?:ly)?\s*[,，]\s*\S",
            re.IGNORECASE,
        ),
        "h2",
    ),  # Fourth, activity content
    (re.compile(rf"^[（(][{_CHINESE_NUMERAL}]{{1,3}}[）)]\s*\S"), "h3"),  # （一）加强组织领导
    (re.compile(r"^[（(]\d{1,2}[）)]\s*\S"), "h3"),  # (1) Strengthen leadership
)
MAX_HEADING_LENGTH = 40
_SENTENCE_END = re.compile(r"[。！？；.!?;]\s*\S")


@dataclass
class ExtractedArticle:
    title: str
    published: dt.datetime | None = None  # naive, China Standard Time
    date_is_approximate: bool = False
    year: int | None = None
    source: str = ""
    reprinted_from: str = ""
    author: str = ""
    document_number: str = ""  # official form, when it parses
    document_number_as_printed: str = ""
    addressees: str = ""
    signed_on: dt.date | None = None  # the date under the signature (成文日期)
    annexes: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """A document number or an addressee list makes it a notice."""
        return (
            "notice"
            if (self.document_number or self.document_number_as_printed or self.addressees)
            else "press_release"
        )

    @property
    def plain_text(self) -> list[str]:
        texts: list[str] = []
        for block_type, value in self.blocks:
            if block_type == "heading":
                texts.append(value["text"])
            elif block_type == "paragraph":
                texts.append(re.sub(r"<[^>]+>", " ", value))
        return texts


def extract(document: SourceDocument, campaign_year: int | None = None) -> ExtractedArticle:
    lines = [kept for kept in map(strip_boilerplate, document.lines) if kept]
    title, lines = _take_title(document, lines)
    article = ExtractedArticle(title=title)
    lines = _take_header_meta(article, lines)
    lines = _take_notice_parts(article, lines)
    article.blocks = _body_blocks(lines)
    if not article.blocks:
        raise UnreadableFile("no article text under the title")
    _settle_date(article, lines, campaign_year)
    return article


# --- Title ---------------------------------------------------------------------------------


def _title_candidate(line: str) -> bool:
    text = line.lstrip("#• ").strip()
    return (
        4 <= len(text) <= MAX_TITLE_LENGTH
        and not is_column_label(text)
        and not is_date_line(text)
        and not _SOURCE_RE.match(text)
        and not line.startswith("•")
        and not text.endswith(("：", ":"))
    )


def _take_title(document: SourceDocument, lines: list[str]) -> tuple[str, list[str]]:
    headline = document.html_headline.strip()
    if not headline or is_column_label(headline):
        headline = ""
    title = headline
    if not title:
        for line in lines[:HEADER_SCAN_LINES]:
            if _title_candidate(line):
                title = line.lstrip("# ").strip()
                break
    if not title and document.html_title:
        # "Title - Site name" / "Title_网站名称": the longest part is the title.
        parts = [
            part.strip()
            for part in re.split(r"\s[-|–—_]\s|_|｜", document.html_title)
            if part.strip()
        ]
        title = max(parts, key=len) if parts else ""
    if not title:
        raise UnreadableFile("no recognisable title")
    # Drop the title wherever the header repeats it, and what stands above
    # it: breadcrumb items and the column's name.
    bare_lines = [line.lstrip("#• ").rstrip("/ ").strip() for line in lines]
    title_position = next(
        (position for position, bare in enumerate(bare_lines) if bare == title), -1
    )
    remaining = []
    for position, (line, bare) in enumerate(zip(lines, bare_lines, strict=True)):
        if position < HEADER_SCAN_LINES + 3 and bare == title:
            continue
        if position < title_position and (line.startswith("•") or is_column_label(bare)):
            continue
        remaining.append(line)
    return title, remaining


# --- Header lines: date, source, reprint, author ----------------------------------------------------


def header_end(lines: list[str]) -> int:
    """Where the header (title, date, source lines) ends: at the first line
    that reads like a paragraph, and never later than HEADER_SCAN_LINES."""
    for position, line in enumerate(lines[:HEADER_SCAN_LINES]):
        if len(line) > 30 and re.search(r"[。.!！？?]$", line):
            return position
    return min(len(lines), HEADER_SCAN_LINES)


def _take_header_meta(article: ExtractedArticle, lines: list[str]) -> list[str]:
    remaining: list[str] = []
    end = header_end(lines)
    for position, line in enumerate(lines):
        in_header = position < end
        parts = [part.strip() for part in PART_SPLIT_RE.split(line) if part and part.strip()]
        recognised = [_read_meta(article, part, in_header) for part in parts]
        if parts and all(recognised):
            continue
        remaining.append(line)
    return remaining


def _read_meta(article: ExtractedArticle, part: str, in_header: bool) -> bool:
    if match := _SOURCE_RE.match(part):
        article.source = article.source or match["value"].strip()
        return True
    if match := _REPRINT_RE.match(part):
        article.reprinted_from = article.reprinted_from or match["value"].strip()
        return True
    if not in_header:
        return False
    if is_date_line(part):
        found = find_date(DATE_LABEL_RE.sub("", part))
        if found is not None and article.published is None:
            article.published = found.value
        return True
    if is_relative(part) and len(part) < 20:
        article.date_is_approximate = True
        article.warnings.append(f"relative date “{part}”: the date is inferred")
        return True
    if (match := _AUTHOR_RE.match(part)) and len(part) < 30:
        article.author = article.author or match["value"].strip()
        return True
    return False


# --- Notices: document number, addressees, annexes --------------------------------------------------


def _take_notice_parts(article: ExtractedArticle, lines: list[str]) -> list[str]:
    remaining: list[str] = []
    for position, line in enumerate(lines):
        if position < HEADER_SCAN_LINES and len(line) <= 40 and not article.document_number:
            parsed = parse_document_number(line)
            if parsed is not None:
                article.document_number = str(parsed)
                continue
            if _ENGLISH_NUMBER_RE.search(line):
                article.document_number_as_printed = line
                article.warnings.append(
                    f"document number not in the official form, kept as printed: “{line}”"
                )
                continue
        if (
            position < HEADER_SCAN_LINES
            and not article.addressees
            and line.endswith(("：", ":"))
            and 8 <= len(line) <= 600
            and _ADDRESSEE_WORDS.search(line)
            and not _ANNEX_RE.match(line)
        ):
            article.addressees = line.rstrip("：:").strip()
            continue
        remaining.append(line)
    return _take_annexes(article, remaining)


def _take_annexes(article: ExtractedArticle, lines: list[str]) -> list[str]:
    """附件：1. … 2. … near the end: the numbered titles become the annex
    list; the signature and date lines after them stay in the body."""
    for position, line in enumerate(lines):
        match = _ANNEX_RE.match(line)
        if match is None or position < len(lines) - 15:
            continue
        titles: list[str] = []
        end = position + 1
        # "1. A 2. B" on one line, or one per line.
        for piece in re.split(r"\s+(?=\d{1,2}\s*[.、．])", match["rest"].strip()):
            numbered = _NUMBERED_ITEM_RE.match(piece)
            if piece.strip():
                titles.append((numbered["text"] if numbered else piece).strip())
        while (
            end < len(lines)
            and (numbered := _NUMBERED_ITEM_RE.match(lines[end]))
            and len(lines[end]) <= 120
        ):
            titles.append(numbered["text"].strip())
            end += 1
        if titles:
            article.annexes = titles
            return lines[:position] + lines[end:]
    return lines


# --- Body ----------------------------------------------------------------------------------------------


_NUMBERING_RE = re.compile(
    rf"^(?:[{_CHINESE_NUMERAL}]{{1,3}}|\d{{1,2}})\s*[、．.]\s*|^[（(](?:[{_CHINESE_NUMERAL}]{{1,3}}|\d{{1,2}})[）)]\s*|^\w+ly?\s*[,，]\s*"
)


def heading_level(line: str) -> str | None:
    """A short numbered line (一、 1. First, （一） (1)) is a section heading;
    a numbered line that goes on into sentences is a paragraph."""
    if line.startswith("#"):
        return "h2" if line.startswith(("# ", "## ")) else "h3"
    text = _NUMBERING_RE.sub("", line, count=1)
    if len(line) > MAX_HEADING_LENGTH or _SENTENCE_END.search(text) or text.endswith(("。", ".")):
        return None
    for pattern, level in _HEADING_PATTERNS:
        if pattern.match(line):
            return level
    return None


def _body_blocks(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    bullets: list[str] = []

    def flush_bullets() -> None:
        if bullets:
            items = "".join(f"<li>{html.escape(item)}</li>" for item in bullets)
            blocks.append(("paragraph", f"<ul>{items}</ul>"))
            bullets.clear()

    for line in lines:
        if line.startswith("• "):
            bullets.append(line[2:].strip())
            continue
        flush_bullets()
        level = heading_level(line)
        if level is not None:
            blocks.append(("heading", {"text": line.lstrip("# ").strip(), "level": level}))
        else:
            blocks.append(("paragraph", f"<p>{html.escape(line)}</p>"))
    flush_bullets()
    return blocks


# --- Date ------------------------------------------------------------------------------------------------


def _settle_date(article: ExtractedArticle, lines: list[str], campaign_year: int | None) -> None:
    """An exact date line wins. Otherwise a date in the opening lines (the
    event's) or only a year stands in, and the date is marked approximate;
    the writer picks the day when only the year is known."""
    if article.published is not None:
        article.date_is_approximate = False
        article.year = article.published.year
        signed = next(
            (find_date(line) for line in reversed(lines[-3:]) if is_date_line(line)), None
        )
        if signed is not None and signed.value <= article.published:
            article.signed_on = signed.value.date()
        return
    article.date_is_approximate = True
    signed = next((find_date(line) for line in reversed(lines[-3:]) if is_date_line(line)), None)
    if signed is not None:
        # A notice's signing date: published that day or soon after.
        article.signed_on = signed.value.date()
        article.published = signed.value
        article.year = signed.value.year
        return
    found = next((date for date in map(find_date, lines[:3]) if date is not None), None)
    if found is not None:
        article.published = found.value
        article.year = found.value.year
        return
    article.year = likely_year([article.title, *article.plain_text]) or campaign_year
    if article.year is None:
        raise UnreadableFile("no publication date, and no year in the text to infer one from")
