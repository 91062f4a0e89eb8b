"""The site's languages, in one place: which is the source and which the
translation, their tags for HTML, and the state a translation can be in.

Chinese (simplified) is the source language, served at /; English is the
translation, under /en/. Settings (LANGUAGE_CODE, LANGUAGES), the editorial
roles, the editorial calendar, the translation status report and the public
templates all take the codes from here.
"""

from __future__ import annotations

import enum
from typing import Any

from django.utils import translation

SOURCE_LANGUAGE = "zh-hans"
TRANSLATION_LANGUAGE = "en"
# Each language named in itself (the language switcher), deliberately not translated.
LANGUAGE_NAMES = {SOURCE_LANGUAGE: "中文", TRANSLATION_LANGUAGE: "English"}

# BCP 47 tags for the <html lang> and hreflang attributes: Django's language
# codes are lower case ("zh-hans"), the script subtag reads better title-cased.
_BCP47 = {SOURCE_LANGUAGE: "zh-Hans", TRANSLATION_LANGUAGE: "en"}


class TranslationState(enum.StrEnum):
    """Where a source page's English translation stands."""

    MISSING = "missing"  # no English page
    DRAFT = "draft"  # an English page that was never published
    OUTDATED = "outdated"  # the source was published again after the translation took its text
    CURRENT = "current"  # published and in step with the source


def bcp47(language_code: str | None) -> str:
    code = (language_code or translation.get_language() or SOURCE_LANGUAGE).lower()
    return _BCP47.get(code, code)


def is_english(language_code: str | None = None) -> bool:
    return (language_code or translation.get_language() or "").lower().startswith("en")


def is_source_language(page: Any) -> bool:
    """Whether a page (or anything with a locale) is in the source language."""
    return page.locale.language_code == SOURCE_LANGUAGE
