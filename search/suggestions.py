"""Help when a search finds nothing, popular queries, and the search box's
autocomplete.

Spelling suggestions compare the reader's words with a vocabulary drawn from
recent page titles, region names and the campaign's own terms: a close
English word (ceremoney → ceremony) or, for Chinese, a word differing by one
character (沈杨 → 沈阳). Popular queries are the ones editors approved for
the reader's language (search.popular): what readers type never reaches
other readers by itself.
"""

from __future__ import annotations

import difflib
import re

from django.core.cache import cache
from wagtail.models import Locale

from lifelong_site.models import Region

from .analysis import CAMPAIGN_VOCABULARY, _tokenizer, clean_text
from .models import SearchEntry
from .popular import approved_terms

VOCABULARY_TITLES = 5000
VOCABULARY_SECONDS = 600
_HAN_RE = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD_RE = re.compile(r"[A-Za-z]{3,}")


def _is_english(locale: Locale) -> bool:
    return locale.language_code.startswith("en")


def vocabulary(locale: Locale) -> list[str]:
    key = f"search:vocabulary:{locale.language_code}"
    words = cache.get(key)
    if words is not None:
        return words
    titles = (
        SearchEntry.objects.filter(locale=locale, is_public=True)
        .order_by("-date")
        .values_list("display_title", flat=True)
    )
    found: set[str] = set()
    if _is_english(locale):
        for title in titles[:VOCABULARY_TITLES]:
            found.update(word.lower() for word in _LATIN_WORD_RE.findall(title))
        for name in Region.objects.values_list("name_en", flat=True):
            found.update(word.lower() for word in _LATIN_WORD_RE.findall(name))
    else:
        tokenizer = _tokenizer()
        for title in titles[:VOCABULARY_TITLES]:
            found.update(
                word
                for word in tokenizer.cut(clean_text(title))
                if len(word) > 1 and _HAN_RE.search(word)
            )
        for name, short in Region.objects.values_list("name_zh", "short_name_zh"):
            found.update(word for word in (name, short) if word)
        found.update(CAMPAIGN_VOCABULARY)
    words = sorted(found)
    cache.set(key, words, VOCABULARY_SECONDS)
    return words


def spelling_suggestion(query: str, locale: Locale) -> str:
    """The query with unknown words replaced by close known ones, or ""."""
    words = vocabulary(locale)
    if not words:
        return ""
    known = set(words)
    query = clean_text(query).strip()
    if _HAN_RE.search(query):
        compact = re.sub(r"\s+", "", query)
        if compact in known:
            return ""
        parts = [part for part in _tokenizer().cut(compact) if part.strip()]
        # Whole short queries first (沈杨 is cut into two single characters).
        candidates = [compact] if len(compact) <= 8 else []
        for candidate in candidates:
            close = difflib.get_close_matches(candidate, words, n=1, cutoff=0.5)
            if close and close[0] != candidate:
                return close[0]
        corrected = [
            (difflib.get_close_matches(part, words, n=1, cutoff=0.6) or [part])[0]
            if len(part) > 1 and part not in known
            else part
            for part in parts
        ]
        suggestion = "".join(corrected)
        return suggestion if suggestion != compact else ""
    corrected_words = []
    for word in query.split():
        lower = word.lower()
        if len(lower) >= 4 and lower.isalpha() and lower not in known:
            close = difflib.get_close_matches(lower, words, n=1, cutoff=0.75)
            corrected_words.append(close[0] if close else word)
        else:
            corrected_words.append(word)
    suggestion = " ".join(corrected_words)
    return suggestion if suggestion.lower() != query.lower() else ""


def popular_queries(locale: Locale, limit: int = 8) -> list[str]:
    """The popular searches editors approved for the locale's language."""
    return approved_terms(locale, limit)
