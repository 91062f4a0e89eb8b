"""Deterministic stand-ins for a machine translation engine in tests.

`ManglingEngine` does to Han characters what a free engine did to the document
number 教职成厅函〔2024〕7号 ("Faculty of Cheng Chengxiang [2024] No. 7"): it
rewrites every character and bracket, so anything it sees unprotected cannot
survive. Markup passes through untouched, as real engines do with tags.
"""

from __future__ import annotations

import re

from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

_TAG = re.compile(r"(<[^>]*>)")
_BRACKETS = str.maketrans({"〔": "[", "〕": "]"})


def mangle_text(text: str) -> str:
    text = text.translate(_BRACKETS)
    return re.sub(r"[\u4e00-\u9fff]", lambda m: f"Cheng{ord(m.group(0)) % 7} ", text).strip()


def mangle_html(html: str) -> str:
    return "".join(part if _TAG.fullmatch(part) else mangle_text(part) for part in _TAG.split(html))


class ManglingEngine(BaseMachineTranslator):
    display_name = "Mangling engine"

    def can_translate(self, source_locale, target_locale) -> bool:
        return True

    def translate(self, source_locale, target_locale, strings):
        return {string: StringValue(mangle_html(string.data)) for string in strings}


class PlaceholderDroppingEngine(ManglingEngine):
    """An engine that loses the markup it was asked to keep."""

    def translate(self, source_locale, target_locale, strings):
        return {
            string: StringValue(re.sub(r"<x-keep[^>]*>", "", mangle_html(string.data)))
            for string in strings
        }
