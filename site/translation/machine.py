"""Machine translation as a first draft, through wagtail-localize.

`GlossaryTranslator` is the class wagtail-localize is configured with (see
`engines.machine_translator_setting`). It wraps the real engine — DeepL, a
self-hosted LibreTranslate, or the offline phrasebook — and puts every string
through the glossary step (glossary.py) on the way there and back. Whatever
the engine, a machine draft is only ever a draft: it lands in the translation
editor as "machine translated" strings for a translator to check, and the page
still goes through the English review workflow.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.module_loading import import_string
from wagtail.models import Locale
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

from lifelong_site.dates import EN_MONTHS

from .glossary import PLACEHOLDER_TAG, current_glossary, protect

logger = logging.getLogger(__name__)


def _language(locale: Locale) -> str:
    return locale.language_code.split("-")[0].lower()


class GlossaryTranslator(BaseMachineTranslator):
    """Any wagtail-localize machine translator, behind the glossary step."""

    def __init__(self, options: Mapping[str, Any]) -> None:
        super().__init__(options)
        engine_class = options["ENGINE"]
        if isinstance(engine_class, str):
            engine_class = import_string(engine_class)
        self.engine: BaseMachineTranslator = engine_class(options.get("ENGINE_OPTIONS", {}))
        # Shown in the translation editor: "Translate with DeepL (glossary)".
        self.display_name = f"{self.engine.display_name}（术语表）"

    def can_translate(self, source_locale: Locale, target_locale: Locale) -> bool:
        return self.engine.can_translate(source_locale, target_locale)

    def translate(
        self, source_locale: Locale, target_locale: Locale, strings: Iterable[StringValue]
    ) -> dict[StringValue, StringValue | None]:
        strings = list(strings)
        if _language(source_locale) != "zh":
            # The glossary is Chinese → English; other pairs go straight through.
            return self.engine.translate(source_locale, target_locale, strings)
        glossary = current_glossary()
        protected = [protect(string.data, glossary) for string in strings]
        sent = [StringValue(item.text) for item in protected]
        answers = self.engine.translate(source_locale, target_locale, sent)
        results: dict[StringValue, StringValue | None] = {}
        for original, request, item in zip(strings, sent, protected, strict=True):
            answer = answers.get(request)
            restored = (
                item.restore(answer.data)
                if answer is not None and answer.data is not None
                else None
            )
            if answer is not None and restored is None:
                # Better untranslated than published with a mangled 文号.
                logger.warning(
                    "Machine translation lost a protected term; string left for the translator: %r",
                    original.data[:80],
                )
            results[original] = StringValue(restored) if restored is not None else None
        return results


# The offline engine ------------------------------------------------------

_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_MONTH = re.compile(r"(\d{4})年(\d{1,2})月")
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")

# Common phrases of the site's releases; longest match first.
PHRASEBOOK: dict[str, str] = {
    "举行": "was held",
    "举办": "was held",
    "启动": "was launched",
    "开幕": "opened",
    "在": "in",
    "和": "and",
    "与": "and",
    "的": "",
    "了": "",
    "年": "",
    "。": ". ",
    "，": ", ",
    "、": ", ",
    "；": "; ",
    "：": ": ",
    "（": " (",
    "）": ") ",
    "“": "\u201c",
    "”": "\u201d",
    "《": "\u201c",
    "》": "\u201d",
    "通知": "notice",
    "新闻发布": "press release",
    "附件": "Annex",
    "主题": "theme",
    "线上线下": "online and offline",
    "活动": "activities",
    "全国": "national",
    "学习": "learning",
    "终身学习": "lifelong learning",
    "数字化": "digital",
    "市民": "residents",
    "居民": "residents",
    "参加": "took part",
    "同时": "at the same time",
    "各地": "across the country",
    "发布": "released",
    "关于": "on",
    "组织": "organising",
    "开展": "holding",
    "工作": "work",
    "让学习成为一种生活方式": "make learning a way of life",
}


class PhrasebookTranslator(BaseMachineTranslator):
    """A deterministic, offline engine for demos and tests: dates become
    English dates, known phrases their English, and the rest stays Chinese for
    the translator to finish. It needs no network and gives the same answer
    every time, which is what a test and a demo without internet need; it is
    not a substitute for DeepL or LibreTranslate in production."""

    display_name = "离线短语表"

    def can_translate(self, source_locale: Locale, target_locale: Locale) -> bool:
        return _language(source_locale) == "zh" and _language(target_locale) == "en"

    def translate(
        self, source_locale: Locale, target_locale: Locale, strings: Iterable[StringValue]
    ) -> dict[StringValue, StringValue]:
        phrasebook = {**PHRASEBOOK, **self.options.get("PHRASES", {})}
        pattern = re.compile(
            "|".join(re.escape(phrase) for phrase in sorted(phrasebook, key=len, reverse=True))
        )

        def translate_text(text: str) -> str:
            text = _DATE.sub(
                lambda m: f"{int(m.group(3))} {EN_MONTHS[int(m.group(2)) - 1]} {m.group(1)}", text
            )
            text = _MONTH.sub(lambda m: f"{EN_MONTHS[int(m.group(2)) - 1]} {m.group(1)}", text)
            text = pattern.sub(
                lambda m: f" {phrasebook[m.group(0)]} " if phrasebook[m.group(0)] else " ", text
            )
            text = re.sub(r"\s+([,.;:)\u201d])", r"\1", text)
            text = re.sub(r"([(\u201c])\s+", r"\1", text)
            return re.sub(r"\s{2,}", " ", text)

        def translate_html(html: str) -> str:
            parts = _TAG_OR_TEXT.split(html)
            translated = [
                part if _TAG_OR_TEXT.fullmatch(part) else translate_text(part) for part in parts
            ]
            result = "".join(translated).strip()
            # Placeholders of the glossary step sit between words: give them room.
            return re.sub(rf"(?<=\S)(<{PLACEHOLDER_TAG})", r" \1", result)

        results = {}
        for string in strings:
            text = translate_html(string.data)
            results[string] = StringValue(text[:1].upper() + text[1:] if text else text)
        return results
