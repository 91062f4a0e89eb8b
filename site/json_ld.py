"""schema.org data written into pages as JSON-LD."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from lifelong_site.i18n import bcp47
from lifelong_site.navigation import language_code_of

# What must never appear raw inside <script>: "</script>", "<!--" and HTML
# entities. \u2028 and \u2029 break older JavaScript parsers.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def json_for_script(data: Any) -> SafeString:
    """JSON safe inside a <script> element: <, > and & are escaped as \\u
    sequences, which JSON parsers read back as the same characters."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(_SCRIPT_ESCAPES))


def organisation(name: str, url: str = "") -> dict[str, str]:
    """A schema.org Organization: an issuing body, a department, the site's organiser."""
    data = {"@type": "Organization", "name": name}
    if url:
        data["url"] = url
    return data


def page_language(request: HttpRequest | None, page: Page) -> str:
    """The page's language as a BCP 47 tag (inLanguage), from the request's
    shared locales when there is a request."""
    code = language_code_of(request, page) if request is not None else page.locale.language_code
    return bcp47(code)
