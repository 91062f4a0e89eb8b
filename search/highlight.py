"""Snippets: the passage of a page's text around the reader's words, with
those words marked. Done here rather than by a backend so every backend
(database or search server) gives the same, escaped result."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SNIPPET_LENGTH = 140


def _pattern(words: list[str]) -> re.Pattern[str] | None:
    words = [w for w in words if w]
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


def mark(text: str, words: list[str]) -> SafeString:
    """``text`` escaped, with each occurrence of ``words`` in <mark>."""
    pattern = _pattern(words)
    if pattern is None:
        return mark_safe(escape(text))
    out: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def snippet(text: str, words: list[str], length: int = SNIPPET_LENGTH) -> SafeString:
    """A window of ``text`` around the first of ``words``, marked; the opening
    of the text when none occurs."""
    text = " ".join(text.split())
    pattern = _pattern(words)
    match = pattern.search(text) if pattern else None
    start = 0 if match is None else max(0, match.start() - length // 3)
    end = min(len(text), start + length)
    piece = text[start:end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + mark(piece, words) + suffix)
