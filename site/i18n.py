"""Language helpers shared by templates and views."""

from __future__ import annotations

from django.utils import translation

# BCP 47 tags for the <html lang> and hreflang attributes: Django's language
# codes are lower case ("zh-hans"), the script subtag reads better title-cased.
_BCP47 = {"zh-hans": "zh-Hans", "en": "en"}


def bcp47(language_code: str | None) -> str:
    code = (language_code or translation.get_language() or "zh-hans").lower()
    return _BCP47.get(code, code)


def is_english(language_code: str | None = None) -> bool:
    return (language_code or translation.get_language() or "").lower().startswith("en")
