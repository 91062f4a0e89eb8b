"""Text analysis shared by every search backend.

Wagtail's database backends split text on spaces and punctuation, so a run of
Han characters (全民终身学习活动周开幕式在沈阳举行) becomes one token and a
search for 沈阳 finds nothing. We therefore segment Chinese with jieba before
text reaches any backend, at index time and at query time, and stem English
words with the Snowball stemmer, so SQLite, PostgreSQL and a search server all
see the same tokens.

Index side: ``index_terms`` uses jieba's search mode, which emits a long word
and the shorter dictionary words inside it (终身学习 → 终身学习, 终身, 学习), so a
reader's two-character word matches inside a longer one.
Query side: ``query_groups`` uses jieba's precise mode; each word becomes a
group "the word, or all its shorter words" so 沈阳市 still finds 在沈阳举行.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import unicodedata
from dataclasses import dataclass

import jieba
import snowballstemmer

# Terms jieba's stock dictionary does not know or splits badly, written with
# their parts: the whole term becomes a word (names stay whole) and so does
# each part, so jieba's search mode also indexes the parts (之星 in 学习之星).
CAMPAIGN_TERMS = (
    "全民/终身/学习/活动周",
    "终身/学习/活动周",
    "活动/周",
    "终身/学习",
    "终身/教育",
    "学习型/社会",
    "百姓/学习/之星",
    "学习/之星",
    "终身/学习/品牌/项目",
    "品牌/项目",
    "开幕式",
    "闭幕式",
    "社区/教育",
    "老年/教育",
    "继续/教育",
    "职业/教育",
    "成人/教育",
    "学习型/城市",
    "数字化/学习",
    "职业/教育/与/成人/教育司",
    "教育部",
    "中国/成人/教育/协会",
    "联合国/教科文/组织",
    "新疆/生产/建设/兵团",
)
CAMPAIGN_VOCABULARY = tuple(term.replace("/", "") for term in CAMPAIGN_TERMS)

# Function words that only add noise to an index and make AND queries fail.
CHINESE_STOP_WORDS = frozenset(
    [
        "的",
        "了",
        "在",
        "和",
        "与",
        "及",
        "是",
        "等",
        "对",
        "为",
        "将",
        "于",
        "把",
        "被",
        "也",
        "就",
        "都",
        "而",
        "并",
        "或",
        "从",
        "以",
        "之",
        "其",
        "这",
        "那",
        "个",
        "着",
        "由",
        "向",
        "中",
    ]
)
ENGLISH_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "this",
        "to",
        "was",
        "were",
        "will",
        "with",
    ]
)

_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD_RE = re.compile(r"\w", re.UNICODE)
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")

_stemmer = snowballstemmer.stemmer("english")


@functools.cache
def _tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for term in CAMPAIGN_TERMS:
        for part in term.split("/"):
            if len(part) > 1 and part not in CHINESE_STOP_WORDS:
                tokenizer.add_word(
                    part,
                    freq=max(tokenizer.FREQ.get(part, 0), 20000)
                    if tokenizer.initialized
                    else 20000,
                )
        tokenizer.add_word(term.replace("/", ""), freq=200000)
    return tokenizer


def add_words(words: list[str]) -> None:
    """Teach the segmenter names it should keep whole (regions, organisations)."""
    tokenizer = _tokenizer()
    for word in words:
        if word and _HAN_RE.search(word):
            tokenizer.add_word(word, freq=100000)


def clean_text(text: str) -> str:
    """NFKC (full-width letters and digits to ASCII), no control characters."""
    return _CONTROL_RE.sub(" ", unicodedata.normalize("NFKC", text or ""))


@functools.lru_cache(maxsize=200_000)
def _normalise_token(token: str) -> str | None:
    # Cached: an archive repeats the same few thousand words, and stemming
    # and the checks below are most of the indexing cost after segmentation.
    token = token.strip().lower()
    if not token or not _WORD_RE.search(token):
        return None
    if token in CHINESE_STOP_WORDS or token in ENGLISH_STOP_WORDS:
        return None
    if token.isascii() and token.isalpha():
        return _stemmer.stemWord(token)
    # Mixed punctuation inside a token (e.g. "2024-04") is split by backends anyway.
    return re.sub(r"[^\w]+", "", token) or None


# Campaign words of four or more characters: jieba's search mode only emits
# the 2- and 3-character words inside a long token, so 终身学习 inside
# 全民终身学习活动周 would otherwise never be indexed as itself.
_LONG_CAMPAIGN_WORDS = tuple(word for word in CAMPAIGN_VOCABULARY if len(word) >= 4)


def is_han_word(word: str) -> bool:
    """True for a word written in Chinese characters only (学习, 沈阳)."""
    return bool(word) and all(_HAN_RE.match(character) for character in word)


def index_terms(text: str) -> list[str]:
    """Tokens to index for a piece of text, in order, duplicates kept (they count)."""
    terms: list[str] = []
    for token in _tokenizer().cut_for_search(clean_text(text)):
        normalised = _normalise_token(token)
        if normalised:
            terms.append(normalised)
            if len(normalised) > 4:
                terms.extend(
                    word
                    for word in _LONG_CAMPAIGN_WORDS
                    if word != normalised and word in normalised
                )
    return terms


_ASCII_WORD_RE = re.compile(r"[a-z0-9]+")


def title_terms(text: str) -> set[str]:
    """The terms of a title, to compare with a query's words: for a title in
    plain ASCII (the English site's) a split into words, each normalised as
    when indexing, instead of jieba's segmentation, which finds the same
    words for such text at many times the cost (reranking 300 English
    titles took 45 ms of an 80 ms search)."""
    cleaned = clean_text(text)
    if cleaned.isascii():
        return {
            term
            for token in _ASCII_WORD_RE.findall(cleaned.lower())
            if (term := _normalise_token(token))
        }
    return set(index_terms(cleaned))


def index_text(text: str) -> str:
    """The segmented form a backend indexes: tokens joined by spaces."""
    return " ".join(index_terms(text))


@dataclass(frozen=True)
class QueryGroup:
    """One word of a query: matched by the word itself or by all its parts."""

    word: str
    parts: tuple[str, ...] = ()


def query_groups(query: str) -> list[QueryGroup]:
    """Split a reader's query into words; each word may match through its parts."""
    tokenizer = _tokenizer()
    groups: list[QueryGroup] = []
    seen: set[str] = set()
    for token in tokenizer.cut(clean_text(query)):
        word = _normalise_token(token)
        if not word or word in seen:
            continue
        seen.add(word)
        groups.append(QueryGroup(word, _parts(word)))
    if not groups:
        # A query made only of stop words (“的”, “the”) still deserves an answer.
        stripped = clean_text(query).strip().lower()
        if stripped and _WORD_RE.search(stripped):
            groups.append(QueryGroup(re.sub(r"\W+", "", stripped)[:40] or stripped[:40]))
    return groups


def _parts(word: str) -> tuple[str, ...]:
    """The dictionary words inside a long Chinese word, when they cover it all
    but at most one character (沈阳市 → 沈阳; 终身学习 → 终身 学习). A partial
    cover (学习之星 → 学习 alone) would match far too much, so none then."""
    if not _HAN_RE.search(word) or len(word) <= 2:
        return ()
    inner = [_normalise_token(part) for part in _tokenizer().cut_for_search(word)]
    parts = tuple(part for part in dict.fromkeys(inner) if part and part != word and len(part) > 1)
    covered: set[int] = set()
    for part in parts:
        start = word.find(part)
        while start != -1:
            covered.update(range(start, start + len(part)))
            start = word.find(part, start + 1)
    return parts if len(covered) >= len(word) - 1 else ()


def highlight_words(query: str) -> list[str]:
    """Words to mark in a snippet: the query's words as typed (not stemmed), longest first."""
    words: set[str] = set()
    for token in _tokenizer().cut_for_search(clean_text(query)):
        token = token.strip()
        is_word = (len(token) > 1 or _HAN_RE.search(token)) and _WORD_RE.search(token)
        if is_word and token.lower() not in CHINESE_STOP_WORDS | ENGLISH_STOP_WORDS:
            words.add(token)
    for word in re.findall(r"[A-Za-z]{3,}", clean_text(query)):
        # English words also match their other forms: ceremony → ceremonies.
        stem = _stemmer.stemWord(word.lower())
        common = len(os.path.commonprefix([word.lower(), stem]))  # noqa: RUF071 — characters are what is compared
        words.add(word[: max(3, common)])
    return sorted(words, key=len, reverse=True)
