"""The glossary step of machine translation.

Free machine translation is the worst enemy of an official site: it once turned
the document number 教职成厅函〔2024〕7号 into "Faculty of Cheng Chengxiang
[2024] No. 7". Before a string goes to the engine, every protected span in it
is swapped for a numbered placeholder element, and after it comes back each
placeholder is swapped for the fixed text:

- document numbers (文号) come back byte for byte as they were;
- glossary terms, region names and organisation names come back as their one
  official English rendering.

If the engine loses, duplicates or invents a placeholder, the string is not
used at all (the translator sees it untranslated) rather than published with a
hole in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

# Seed terms, loaded by a data migration; editors extend them in the admin
# (Snippets → 术语表). (source, English, kind, note)
FIXED_TERMS: list[tuple[str, str, str, str]] = [
    ("全民终身学习活动周", "National Lifelong Learning Activity Week", "term", "活动正式名称"),
    ("活动周", "Activity Week", "term", ""),
    ("百姓学习之星", "Learning Star", "term", "评选名称，不译作“百姓”"),
    ("终身学习品牌项目", "Lifelong Learning Brand Project", "term", ""),
    ("全民终身学习", "lifelong learning for all", "term", ""),
    ("学习型社会", "learning society", "term", ""),
    ("学习型城市", "learning city", "term", ""),
    ("社区教育", "community education", "term", ""),
    ("老年教育", "education for older people", "term", ""),
    ("开幕式", "opening ceremony", "term", ""),
    ("教育部", "Ministry of Education", "organisation", ""),
    ("教育部办公厅", "General Office of the Ministry of Education", "organisation", ""),
    ("职业教育与成人教育司", "Department of Vocational and Adult Education", "organisation", ""),
    ("中国成人教育协会", "China Adult Education Association", "organisation", ""),
    ("国家开放大学", "Open University of China", "organisation", ""),
    ("联合国教科文组织", "UNESCO", "organisation", ""),
    (
        "联合国教科文组织终身学习研究所",
        "UNESCO Institute for Lifelong Learning",
        "organisation",
        "",
    ),
    ("沈阳", "Shenyang", "place", ""),
    ("沈阳市", "Shenyang", "place", ""),
]


def load_glossary_terms(term_model: Any) -> int:
    """Create the seed terms that are missing; never overwrite an editor's change."""
    created_count = 0
    for source, target, kind, note in FIXED_TERMS:
        _term, created = term_model.objects.get_or_create(
            source=source, defaults={"target": target, "kind": kind, "note": note}
        )
        created_count += created
    return created_count


_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
# A 文号 in running text: the issuer's abbreviation and the kind (教职成厅函,
# 国办发: at most 8 Han characters), the year in any of the brackets people
# type, the serial number and 号.
_DOCUMENT_NUMBER_IN_TEXT = re.compile(
    rf"[{_HAN}]{{1,8}}[〔\[［【(（]\s*(?:19|20)\d{{2}}\s*[〕\]］】)）]\s*\d{{1,5}}\s*号"
)
_YEAR_BRACKET = re.compile(r"[〔\[［【(（]")
# Words that run straight into a 文号 in Chinese prose and belong to the
# sentence, not to the number ("办公厅根据教职成厅函〔2024〕7号"): the number
# starts after the last of them.
_PROSE = re.compile(
    r"根据|按照|依据|参照|依照|对照|印发|转发|详见|参见|见|即|和|及|与|或|的|了|在|将|按|据|经|由|以|是"
)
# Wagtail-localize strings are HTML fragments: only text between tags is touched.
_TAG = re.compile(r"(<[^>]*>)")
PLACEHOLDER_TAG = "x-keep"
_PLACEHOLDER = re.compile(
    rf"<{PLACEHOLDER_TAG}\s+id\s*=\s*[\"']?(\d+)[\"']?\s*(?:/>|>\s*</{PLACEHOLDER_TAG}\s*>)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Glossary:
    """Source text → fixed English text, matched longest first."""

    terms: dict[str, str]
    _matcher: re.Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        sources = sorted((source for source in self.terms if source), key=len, reverse=True)
        matcher = re.compile("|".join(re.escape(source) for source in sources)) if sources else None
        object.__setattr__(self, "_matcher", matcher)

    def find(self, text: str) -> Iterable[re.Match[str]]:
        return self._matcher.finditer(text) if self._matcher else ()


def current_glossary() -> Glossary:
    """The editors' terms plus every region's and organisation's official names
    (both carry explicit English names; see lifelong_site.models.snippets)."""
    from lifelong_site.models import Organisation, Region

    from .models import GlossaryTerm

    terms: dict[str, str] = {}
    for name_zh, short_name_zh, name_en in Region.objects.values_list(
        "name_zh", "short_name_zh", "name_en"
    ):
        terms[name_zh] = name_en
        if short_name_zh:
            terms.setdefault(short_name_zh, name_en)
    for name_zh, short_name_zh, name_en in Organisation.objects.values_list(
        "name_zh", "short_name_zh", "name_en"
    ):
        terms[name_zh] = name_en
        if short_name_zh:
            terms.setdefault(short_name_zh, name_en)
    # The editors' glossary wins over the snippets where both name a text.
    terms.update(GlossaryTerm.objects.values_list("source", "target"))
    return Glossary(terms)


@dataclass
class ProtectedText:
    """A string with its protected spans replaced by placeholders."""

    text: str
    replacements: list[str]

    def restore(self, translated: str) -> str | None:
        """The engine's output with each placeholder replaced by its fixed
        text, or None when the placeholders did not survive one for one."""
        found = [int(match.group(1)) for match in _PLACEHOLDER.finditer(translated)]
        if sorted(found) != list(range(len(self.replacements))):
            return None
        return _PLACEHOLDER.sub(lambda match: self.replacements[int(match.group(1))], translated)


def _document_number_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _DOCUMENT_NUMBER_IN_TEXT.finditer(text):
        start, end = match.span()
        bracket = _YEAR_BRACKET.search(match.group(0))
        assert bracket is not None  # the number's pattern has one
        prefix = match.group(0)[: bracket.start()]
        # Cut after the last prose word, keeping at least two characters of
        # issuer and kind (及 could end a prefix; 根据 never does).
        cuts = [word.end() for word in _PROSE.finditer(prefix) if word.end() < len(prefix) - 1]
        if cuts:
            start += cuts[-1]
        spans.append((start, end))
    return spans


def protect(html: str, glossary: Glossary) -> ProtectedText:
    """Swap document numbers (kept as they are) and glossary terms (replaced
    by their English) for placeholders, in the text between HTML tags only."""
    replacements: list[str] = []

    def placeholder(fixed: str) -> str:
        replacements.append(fixed)
        return f'<{PLACEHOLDER_TAG} id="{len(replacements) - 1}"/>'

    def protect_text(text: str) -> str:
        pieces: list[str] = []
        position = 0
        for start, end in _document_number_spans(text):
            pieces.append(protect_terms(text[position:start]))
            pieces.append(placeholder(text[start:end]))
            position = end
        pieces.append(protect_terms(text[position:]))
        return "".join(pieces)

    def protect_terms(text: str) -> str:
        return "".join(
            _replace_matches(
                text, glossary.find(text), lambda match: placeholder(glossary.terms[match.group(0)])
            )
        )

    parts = _TAG.split(html)
    protected = "".join(part if _TAG.fullmatch(part) else protect_text(part) for part in parts)
    return ProtectedText(protected, replacements)


def _replace_matches(text: str, matches: Iterable[re.Match[str]], replace) -> list[str]:
    pieces: list[str] = []
    position = 0
    for match in matches:
        pieces.append(text[position : match.start()])
        pieces.append(replace(match))
        position = match.end()
    pieces.append(text[position:])
    return pieces
