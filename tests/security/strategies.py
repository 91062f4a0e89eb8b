"""Hypothesis strategies for hostile input to the public URLs.

Everything a browser, a crawler or an attacker may put in an address ends up
here as raw bytes: query strings and paths are built byte by byte and handed
to the WSGI handler as the latin-1 strings WSGI carries (``QUERY_STRING``,
``PATH_INFO``), so malformed percent-encoding, invalid UTF-8, other encodings
(GB18030, as older Chinese clients send) and lone surrogates reach Django
exactly as a server would pass them on.

Tag-like payloads carry a marker (``<x-fuzz-…``, ``data-fuzz-attr``) that no
page of the site contains, so a check for reflected markup is a plain search
of the response body: the escaped form (``&lt;x-fuzz-``) is fine, the raw
form means input became markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html.parser import HTMLParser
from urllib.parse import quote_from_bytes, quote_plus

from hypothesis import strategies as st

# --- What a reflected payload looks like in a body --------------------------

MARKER_TAG = "<x-fuzz-"
# Unescaped, either of these in an HTML body means generated input became
# markup: escaping turns "<" into "&lt;", so neither survives a correctly
# escaping template. Attributes are checked on the parsed page (see
# InjectedMarkup): an escaped payload inside an attribute value still reads
# "onerror=fuzz(" in the raw text, and is harmless.
REFLECTION_PATTERN = re.compile(r"<x-fuzz-|<script>fuzz\(", re.IGNORECASE)
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href"})


class InjectedMarkup(HTMLParser):
    """Collects what generated input could only have put there as markup:
    a marker tag, an attribute of a payload (a handler calling fuzz(), a
    data-fuzz-attr), or a javascript: address in a link (escaping does not
    make one harmless)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag.startswith("x-fuzz"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            value = value or ""
            if (
                name == "data-fuzz-attr"
                or (name.startswith("on") and "fuzz(" in value)
                or (name in _URL_ATTRIBUTES and value.strip().lower().startswith("javascript:"))
            ):
                self.found.append(f"<{tag} {name}={value!r}>")

    handle_startendtag = handle_starttag


def injected_markup(html: str) -> list[str]:
    parser = InjectedMarkup()
    parser.feed(html)
    parser.close()
    return parser.found


# --- Characters ----------------------------------------------------------------

# Each block is a script or a kind of character that has broken text handling
# somewhere: Han (the site's main language), Latin with diacritics, Cyrillic,
# Arabic (right to left), emoji (outside the BMP: four UTF-8 bytes, two UTF-16
# units), combining marks (a mark with nothing to combine with), bidi
# controls, line/paragraph separators, C0 and C1 controls, full-width forms
# and digits of other scripts (which str.isdigit accepts but int() may not).
_BLOCKS: tuple[tuple[int, int], ...] = (
    (0x20, 0x7E),  # ASCII printable
    (0x00, 0x1F),  # C0 controls, NUL first of all (PostgreSQL refuses it)
    (0x7F, 0x9F),  # DEL and C1 controls
    (0xC0, 0x17F),  # Latin with diacritics
    (0x300, 0x36F),  # combining marks
    (0x400, 0x4FF),  # Cyrillic
    (0x600, 0x6FF),  # Arabic, with Arabic-Indic digits
    (0x660, 0x669),  # Arabic-Indic digits again: they are isdigit() and int()-able
    (0x2000, 0x206F),  # spaces, zero-width joiners, bidi marks, U+2028/U+2029
    (0x00B2, 0x00B3),  # superscript digits: isdigit() but not int()-able
    (0x2070, 0x2089),  # super- and subscript digits
    (0x3000, 0x303F),  # CJK punctuation (〔〕 in document numbers)
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xFF00, 0xFFEF),  # full-width forms and digits
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFFF0, 0xFFFF),  # specials, U+FFFE and U+FFFF non-characters
    (0x1F300, 0x1FAFF),  # emoji
    (0x10FFF0, 0x10FFFF),  # the end of Unicode, non-characters
)
_SURROGATES = (0xD800, 0xDFFF)


def characters(*, surrogates: bool = False) -> st.SearchStrategy[str]:
    blocks = _BLOCKS + ((_SURROGATES,) if surrogates else ())
    return st.one_of(
        *(
            st.characters(min_codepoint=low, max_codepoint=high, categories=None)
            for low, high in blocks
        )
    )


# --- Pieces of hostile text ----------------------------------------------------

PAYLOADS: tuple[str, ...] = (
    "<script>fuzz(1)</script>",
    '"><img src=x onerror=fuzz(1)>',
    "'><svg onload=fuzz(1)>",
    '" data-fuzz-attr="1',
    "' data-fuzz-attr='1",
    " onmouseover=fuzz(1) ",
    "javascript:fuzz(1)",
    " JaVaScRiPt:fuzz(1)",
    "</title><x-fuzz-title>",
    "</textarea><x-fuzz-textarea>",
    "--><x-fuzz-comment>",
    "]]><x-fuzz-cdata>",
    "</script><x-fuzz-script>",
    "' OR 1=1--",
    '" OR ""="',
    "1; DROP TABLE wagtailcore_page; --",
    "%' UNION SELECT NULL,NULL--",
    "\\'; SELECT pg_sleep(0);--",
    "{{ request.META }}",
    "{% debug %}",
    "${7*7}",
    "../../../../etc/passwd",
    "..%2f..%2f..%2fetc%2fpasswd",
    "..\\..\\windows\\win.ini",
    "&lt;x-fuzz-entity&gt;",
    "&#60;x-fuzz-entity&#62;",
    "\\u003cx-fuzz-escape\\u003e",
    "教职成厅函〔2024〕7号",
    "教职成厅函[2024]7号",
    "沈阳 终身学习",
    "ceremoney",
    "2024",
    "liaoning",
    "relevance",
    "date",
    "press_release",
    "senior",
    "*",
    "%",
    "_",
    "\\",
    "\u202e\u2066evil\u2069",
    "\u200f\u200e",
    "\u2028\u2029",
    "\ufeff",
    "e\u0301\u0301\u0301",
    "👩\u200d🎓",
    "🇨🇳",
    "\x00",
    "\r\nSet-Cookie: fuzz=1",
)

# What a number looks like to someone who does not mean one: negatives, huge
# values (past the 4300-digit limit of int()), floats, other scripts' digits.
NUMBERISH: tuple[str, ...] = (
    "0",
    "-0",
    "-1",
    "+1",
    "1.0",
    "1.5",
    "1e3",
    "1E400",
    "0x10",
    "0o7",
    "1_000",
    " 2 ",
    "01",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "null",
    "None",
    "true",
    "[]",
    "{}",
    "²",
    "³",
    "¹²",
    "٣",
    "١٢",
    "۲۰۲۴",
    "２０２４",
    "１",
    "१२",
    "๒๐๒๔",
    "〇",
    "二〇二四",
    "2147483648",
    "9223372036854775808",
    "-9223372036854775809",
    "99999",
    "100000",
    "1000",
    "1001",
    "1949",
    "2100",
    "2101",
    "1899",
)


def numberish() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(NUMBERISH),
        st.integers(min_value=-(10**40), max_value=10**40).map(str),
        st.integers(min_value=0, max_value=2200).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.integers(min_value=4301, max_value=6000).map(lambda digits: "9" * digits),
    )


def markers() -> st.SearchStrategy[str]:
    """A fresh tag the site never writes, with the attribute shapes that break
    out of quoted and unquoted attributes."""
    number = st.integers(min_value=0, max_value=9999)
    return st.one_of(
        number.map(lambda n: f"<x-fuzz-{n}>"),
        number.map(lambda n: f'"><x-fuzz-{n} onerror=fuzz({n})>'),
        number.map(lambda n: f"'><x-fuzz-{n}>"),
        number.map(lambda n: f"<x-fuzz-{n}/"),
    )


def huge_text(*, surrogates: bool = False) -> st.SearchStrategy[str]:
    """Over 10,000 characters, made by repeating a short piece (drawing 10,000
    characters one by one would be slow and exhaust Hypothesis's buffer)."""
    unit = st.one_of(
        st.text(characters(surrogates=surrogates), min_size=1, max_size=4),
        st.sampled_from(PAYLOADS).filter(bool),
        markers(),
    )
    return st.builds(
        lambda piece, extra: piece * (10_001 // len(piece) + 1 + extra), unit, st.integers(0, 5)
    )


def hostile_text(
    *, surrogates: bool = False, max_pieces: int = 5, huge: bool = True
) -> st.SearchStrategy[str]:
    """Mixed scripts, payloads, markers, numbers and, now and then, a huge string."""
    plain = st.text(characters(surrogates=surrogates), max_size=16)
    pieces = [plain, plain, st.sampled_from(PAYLOADS), markers(), numberish()]
    if huge:
        pieces.append(huge_text(surrogates=surrogates))
    # Draw a huge piece in about one text of six; every other piece is short.
    return st.lists(st.one_of(*pieces), max_size=max_pieces).map("".join)


def marked_text() -> st.SearchStrategy[str]:
    """Short text around a marker or a tag-like payload, short enough to
    survive the truncation of long parameters."""
    around = st.text(characters(), max_size=6)
    tag = st.one_of(
        markers(), st.sampled_from(tuple(payload for payload in PAYLOADS if "fuzz" in payload))
    )
    return st.tuples(around, tag, around).map("".join)


def values_for(known: Sequence[str] = ()) -> st.SearchStrategy[str]:
    """A parameter value: often a valid one (so the filters behind it run),
    otherwise hostile text."""
    choices: list[st.SearchStrategy[str]] = [hostile_text(surrogates=True), numberish()]
    if known:
        choices.insert(0, st.sampled_from(tuple(known)))
    return st.one_of(*choices)


# --- Encoding to the bytes a server receives ------------------------------------

ENCODINGS = ("percent", "percent", "plus", "raw", "gb18030", "broken")
BROKEN_ESCAPES: tuple[bytes, ...] = (
    b"%",
    b"%%",
    b"%2",
    b"%zz",
    b"%G0",
    b"%u003c",
    b"%e4%b8",
    b"%ff",
    b"%c0%af",
    b"%ed%a0%80",
    b"%00",
    b"%0d%0a",
    b"%f4%90%80%80",
    b"%25",
    b"%2525",
    b"%3c",
    b"%3cx-fuzz-pct%3e",
    b"+",
    b"&&",
    b"==",
    b";",
)


def encode(text: str, mode: str) -> bytes:
    """``text`` as a client might put it on the wire."""
    data = text.encode("utf-8", "surrogatepass")  # lone surrogates become bytes no decoder accepts
    if mode == "percent":
        return quote_from_bytes(data, safe="").encode("ascii")
    if mode == "plus":
        return quote_plus(data, safe="").encode("ascii")
    if mode == "gb18030":
        return quote_from_bytes(text.encode("gb18030", "replace"), safe="").encode("ascii")
    if mode == "broken":
        # Malformed escapes between the properly escaped halves.
        half = len(data) // 2
        return (
            quote_from_bytes(data[:half], safe="").encode("ascii")
            + b"%"
            + quote_from_bytes(data[half:], safe="").encode("ascii")
        )
    # "raw": unescaped bytes, so & = # and spaces split or end the value as they fall.
    return data


def as_wsgi(raw: bytes) -> str:
    """WSGI carries the bytes of the request line as latin-1 text."""
    return raw.decode("latin-1")


@st.composite
def query_strings(
    draw: st.DrawFn,
    keys: Sequence[str],
    known_values: dict[str, Sequence[str]] | None = None,
) -> str:
    """A raw QUERY_STRING for parameters ``keys`` (and unknown ones), with
    repeated parameters, malformed escapes and every encoding above."""
    known_values = known_values or {}
    if draw(st.integers(min_value=0, max_value=3)) == 0:
        # One parameter carrying markup and nothing else: no other parameter
        # makes the request invalid, so the value reaches every place the
        # page shows it (a "no results" message, a pager, a feed link).
        key = draw(st.sampled_from(tuple(keys)))
        mode = draw(st.sampled_from(("percent", "plus", "raw")))
        return as_wsgi(encode(key, "percent") + b"=" + encode(draw(marked_text()), mode))
    key_strategy = st.one_of(
        st.sampled_from(tuple(keys)),
        st.sampled_from(tuple(keys)),
        hostile_text(max_pieces=2, huge=False),
    )
    parts: list[bytes] = []
    for _ in range(draw(st.integers(min_value=0, max_value=6))):
        key = draw(key_strategy)
        value = draw(values_for(known_values.get(key, ())))
        mode = draw(st.sampled_from(ENCODINGS))
        pair = encode(key, "percent" if mode == "raw" else mode) + b"=" + encode(value, mode)
        # Now and then a key without "=", or the same parameter many times over.
        shape = draw(st.integers(min_value=0, max_value=15))
        if shape == 0:
            pair = encode(key, mode)
        elif shape == 1:
            pair = b"&".join([pair] * draw(st.integers(min_value=2, max_value=60)))
        parts.append(pair)
        if draw(st.integers(min_value=0, max_value=7)) == 0:
            parts.append(draw(st.sampled_from(BROKEN_ESCAPES)))
    # Rarely, more fields than Django's DATA_UPLOAD_MAX_NUMBER_FIELDS (1000).
    if draw(st.integers(min_value=0, max_value=150)) == 0:
        parts.append(b"&".join([b"q=x"] * 1_001))
    separator = draw(st.sampled_from((b"&", b"&", b"&", b";", b"&&")))
    return as_wsgi(separator.join(parts))


@st.composite
def path_segments(draw: st.DrawFn, *, min_size: int = 1, max_size: int = 5) -> bytes:
    """Raw path segments joined by "/" (no leading slash): percent-escaped
    text, raw bytes, dot segments, encoded slashes and malformed escapes."""
    segment = st.one_of(
        hostile_text(surrogates=True, max_pieces=3).map(lambda text: encode(text, "percent")),
        hostile_text(surrogates=True, max_pieces=2, huge=False).map(
            lambda text: encode(text, "raw").replace(b"?", b"%3F").replace(b"#", b"%23")
        ),
        st.sampled_from(
            (
                b"",
                b".",
                b"..",
                b"%2e%2e",
                b"%2F",
                b"%5C",
                b"feed",
                b"photo",
                b"1",
                b"0",
                b"-1",
                b"en",
                b"zh-hans",
                b"admin",
                b"api",
                b"search",
                b"preview",
                b"news",
                b"notices",
                b"weeks",
                b"2024",
            )
        ),
        st.sampled_from(BROKEN_ESCAPES),
    )
    segments = draw(st.lists(segment, min_size=min_size, max_size=max_size))
    return b"/".join(segments)
