"""Reading a saved page or text file into lines of text.

Old Chinese government sites saved pages in GB2312/GBK, newer ones in UTF-8;
files are decoded by their BOM, their declared charset, UTF-8, then GB18030
(a superset of GB2312 and GBK). HTML becomes one line per block element, with
headings and list items marked, after removing scripts, navigation, forms
and the widgets whose class or id says what they are.

Limits, so that one hostile or broken file fails alone with its reason: a
file over MAX_FILE_BYTES is refused before it is read, a page with more than
MAX_HTML_TAGS tags before it is parsed, and one nested deeper than
MAX_HTML_DEPTH elements before it is walked. Only regular files are read,
and a symbolic link is never followed at the last step (the folder walk in
``files`` decides about links)."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup, Comment, Tag

HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text", ".md"}
SUPPORTED_SUFFIXES = HTML_SUFFIXES | TEXT_SUFFIXES
MAX_FILE_BYTES = 5 * 1024 * 1024
# Parsing takes about 0.7 KB of memory per tag (a 5 MiB page of bare tags
# would take 700 MB); saved articles have a few thousand, a few dozen deep.
MAX_HTML_TAGS = 200_000
MAX_HTML_DEPTH = 256
TOO_DEEP = f"the HTML is nested too deeply to read (over {MAX_HTML_DEPTH} levels)"

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
# Elements that are never part of an article.
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "button",
    "select",
    "input",
    "textarea",
    "svg",
    "canvas",
    "object",
    "embed",
    "template",
)
# class/id words of site furniture: breadcrumbs, share bars, counters, menus, footers.
_FURNITURE_RE = re.compile(
    r"(breadcrumb|crumb|share|bdshare|jiathis|social|print|toolbar|tool-bar|counter|hits|visit|footer|foot|"
    r"copyright|menu|navbar|nav|sidebar|related|comment|pager|pagination|qrcode|erweima|advert|banner|login)",
    re.IGNORECASE,
)
# Containers that usually hold the article text on Chinese government CMSs.
_CONTENT_RE = re.compile(
    r"(TRS_Editor|zoom|article|content|detail|news_con|con_text|text|main|bt_content)",
    re.IGNORECASE,
)
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "td",
    "th",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "table",
    "ul",
    "ol",
    "center",
    "font",
    "span",
    "br",
    "figcaption",
}


class UnreadableFile(ValueError):
    """A file that cannot be imported; the message says why."""


@dataclass
class SourceDocument:
    lines: list[str]
    html_title: str = ""
    html_headline: str = ""
    meta: dict[str, str] = field(default_factory=dict)


def decode(data: bytes) -> str:
    if not data.strip():
        raise UnreadableFile("empty file")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile("binary file, not text or HTML")
    candidates: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        candidates.append("utf-8-sig")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates.append("utf-16")
    declared = _CHARSET_RE.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "ignore").lower()
        # gb2312 and gbk pages often contain characters outside those sets.
        candidates.append("gb18030" if name in {"gb2312", "gbk", "x-gbk", "gb18030"} else name)
    candidates += ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_like_text(text):
            return text
    raise UnreadableFile("bad encoding: not UTF-8, GBK/GB18030 or the charset the page declares")


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    bad = sum(
        1 for char in sample if char == "\ufffd" or (ord(char) < 32 and char not in "\r\n\t\f")
    )
    return bad <= max(2, len(sample) // 200)


def _too_large(size: int) -> UnreadableFile:
    return UnreadableFile(
        f"file too large ({size // 1024} KiB; the limit is {MAX_FILE_BYTES // 1024 // 1024} MiB)"
    )


def read_file_bytes(path: Path) -> bytes:
    """The bytes of the regular file ``path``, refused by its size before any
    is read. A symbolic link at the last step is not followed, and a pipe or
    device is not read (opening does not wait for a writer)."""
    flags = (
        os.O_RDONLY
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_BINARY", 0)
    )
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if path.is_symlink():
            raise UnreadableFile("symbolic link, not followed") from error
        raise
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile("not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise _too_large(info.st_size)
        chunks: list[bytes] = []
        remaining = MAX_FILE_BYTES + 1  # a file that grows while it is read is still refused
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, 1024 * 1024))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(len(data))
    return data


def read_source(path: Path) -> SourceDocument:
    return parse_source(read_file_bytes(path), path.suffix)


def parse_source(data: bytes, suffix: str) -> SourceDocument:
    """A file's bytes as lines; ``suffix`` (".html", ".txt") says how to read them."""
    text = decode(data)
    if suffix.lower() in HTML_SUFFIXES or text.lstrip()[:200].lower().startswith(
        ("<!doctype html", "<html")
    ):
        return html_to_document(text)
    return SourceDocument(lines=text_lines(text))


def text_lines(text: str) -> list[str]:
    return [normalise_space(line) for line in text.splitlines()]


def normalise_space(text: str) -> str:
    # Full-width and non-breaking spaces are common in Chinese pages.
    text = text.replace("\u3000", " ").replace("\xa0", " ").replace("\u200b", "")
    # Runs of spaces collapse to two, not one: saved pages separate the date,
    # source and counter on one line with spaces, and extraction splits there.
    text = re.sub(r"[\t\r\f\v]+", " ", text)
    return re.sub(r" {3,}", "  ", text).strip()


# --- HTML ---------------------------------------------------------------------------------


def html_to_document(html: str) -> SourceDocument:
    if html.count("<") > MAX_HTML_TAGS:
        raise UnreadableFile(f"the HTML has too many tags to read (over {MAX_HTML_TAGS:,})")
    try:
        soup = BeautifulSoup(html, "html.parser")
        if _nested_deeper_than(soup, MAX_HTML_DEPTH):
            raise UnreadableFile(TOO_DEEP)
        return _soup_to_document(soup)
    except RecursionError:
        # Not expected below MAX_HTML_DEPTH; should it happen, the file fails alone.
        raise UnreadableFile(TOO_DEEP) from None


def _nested_deeper_than(soup: BeautifulSoup, limit: int) -> bool:
    """Whether any element lies more than ``limit`` levels deep (walked with a
    list, not recursion, so any depth can be measured)."""
    stack: list[tuple[Tag, int]] = [(soup, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in node.contents if isinstance(child, Tag))
    return False


def _soup_to_document(soup: BeautifulSoup) -> SourceDocument:
    title = normalise_space(soup.title.get_text()) if soup.title else ""
    meta = {
        (_text_attribute(tag, "name") or _text_attribute(tag, "property")).lower(): normalise_space(
            _text_attribute(tag, "content")
        )
        for tag in soup.find_all("meta")
        if tag.get("content")
    }
    for comment in soup.find_all(string=lambda node: isinstance(node, Comment)):
        comment.extract()
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_furniture):
        tag.decompose()
    headline_tag = soup.find("h1")
    headline = normalise_space(headline_tag.get_text(" ")) if headline_tag else ""
    body = soup.body or soup
    lines: list[str] = []
    _collect_lines(body, lines)
    return SourceDocument(lines=lines, html_title=title, html_headline=headline, meta=meta)


def _text_attribute(tag: Tag, name: str) -> str:
    """A single-valued attribute (name, content, id…), "" when absent. bs4
    types every attribute as possibly a list, which only the multi-valued
    ones (class, rel…) are."""
    value = tag.get(name)
    if isinstance(value, list):
        return " ".join(value)
    return value or ""


def _is_furniture(tag: Tag) -> bool:
    if tag.name in ("html", "body") or not isinstance(tag, Tag) or tag.attrs is None:
        return False
    names = " ".join([*(tag.get("class") or []), _text_attribute(tag, "id")])
    if not names or not _FURNITURE_RE.search(names):
        return False
    # A content container whose class merely mentions e.g. "main-nav-content"
    # is kept when it holds most of the page's text.
    return not (_CONTENT_RE.search(names) and len(tag.get_text(strip=True)) > 200)


def _collect_lines(node: Tag, lines: list[str]) -> None:
    """Depth-first: text runs inside one block become one line. Recursive:
    html_to_document has refused pages nested deeper than MAX_HTML_DEPTH."""
    buffer: list[str] = []

    def flush(prefix: str = "") -> None:
        text = normalise_space("".join(buffer))
        buffer.clear()
        if text:
            lines.append(prefix + text)

    for child in node.children:
        if isinstance(child, Tag):
            name = child.name.lower()
            if name == "br":
                flush()
            elif name in {"h1", "h2", "h3", "h4", "h5", "h6"}:
                flush()
                text = normalise_space(child.get_text(" "))
                if text:
                    lines.append(f"{'#' * min(int(name[1]), 3)} {text}")
            elif name == "li":
                flush()
                text = normalise_space(child.get_text(" "))
                if text:
                    lines.append(f"• {text}")
            elif name in {"tr"}:
                flush()
                cells = [
                    normalise_space(cell.get_text(" ")) for cell in child.find_all(["td", "th"])
                ]
                if any(cells):
                    lines.append(" | ".join(cells))
            elif name in _BLOCK_TAGS - {"span", "font"}:
                flush()
                _collect_lines(child, lines)
            else:
                buffer.append(child.get_text())
        else:
            buffer.append(str(child))
    flush()
