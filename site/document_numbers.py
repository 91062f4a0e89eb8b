"""Government document numbers (文号) and index numbers (索引号).

A 文号 is the issuing body's abbreviation (机关代字) and document kind, the year
in hexagonal brackets 〔〕, and a serial number: 教职成厅函〔2024〕7号. People type
the brackets as [ ], ［ ］, 【 】 or ( ); we store the official form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Every bracket people use for the year, mapped to the official 〔 〕.
_BRACKETS = str.maketrans(
    {
        "[": "〔",
        "]": "〕",
        "［": "〔",
        "］": "〕",
        "【": "〔",
        "】": "〕",
        "(": "〔",
        ")": "〕",
        "（": "〔",
        "）": "〕",
        "〖": "〔",
        "〗": "〕",
    }
)
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
DOCUMENT_NUMBER_RE = re.compile(
    rf"^(?P<prefix>[{_HAN}]{{1,20}})〔(?P<year>\d{{4}})〕(?P<serial>\d{{1,5}})号$"
)
# The same number typed without any brackets: 教职成厅函2024 7号 / 教职成厅函20247号 is ambiguous,
# so only a separator-delimited or bracketless-with-space form is recognised.
_LOOSE_RE = re.compile(
    rf"^(?P<prefix>[{_HAN}]{{1,20}})\s*〔?\s*(?P<year>(?:19|20)\d{{2}})\s*〕?\s*(?P<serial>\d{{1,5}})\s*号$"
)

DEFAULT_INDEX_NUMBER_PATTERN = r"^[0-9A-Z]{6}-\d{2}-\d{4}-\d{4}(-\d{1,3})?$"


@dataclass(frozen=True)
class DocumentNumber:
    prefix: str  # abbreviation + kind, e.g. 教职成厅函
    year: int
    serial: int

    def __str__(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.serial}号"


def normalise_document_number(value: str) -> str:
    """Official bracket form, full-width digits made ASCII, spaces removed."""
    text = (value or "").strip()
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    text = text.translate(_BRACKETS)
    return re.sub(r"\s+", "", text)


def parse_document_number(value: str) -> DocumentNumber | None:
    """Parse a 文号 in any common typing, or return None."""
    text = normalise_document_number(value)
    match = DOCUMENT_NUMBER_RE.match(text) or _LOOSE_RE.match(text)
    if not match:
        return None
    return DocumentNumber(match["prefix"], int(match["year"]), int(match["serial"]))


def validate_document_number(value: str) -> None:
    """Model validator: the stored value must be in the official form."""
    parsed = parse_document_number(value)
    if parsed is None or normalise_document_number(value) != str(parsed):
        raise ValidationError(
            _("文号格式应为“机关代字〔年份〕序号号”，例如 教职成厅函〔2024〕7号。"),
            code="invalid_document_number",
        )
    if not 1949 <= parsed.year <= 2100:
        raise ValidationError(
            _("文号中的年份 %(year)s 不正确。"),
            code="invalid_document_year",
            params={"year": parsed.year},
        )


def index_number_pattern() -> re.Pattern[str]:
    return re.compile(
        getattr(settings, "NOTICE_INDEX_NUMBER_PATTERN", DEFAULT_INDEX_NUMBER_PATTERN)
    )


def validate_index_number(value: str) -> None:
    if not index_number_pattern().match(value or ""):
        raise ValidationError(
            _("索引号格式不正确（应形如 360A07-07-2024-0012）。"),
            code="invalid_index_number",
        )
