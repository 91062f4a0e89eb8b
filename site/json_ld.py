"""schema.org data written into pages as JSON-LD."""

from __future__ import annotations

import json
from typing import Any

from django.utils.safestring import SafeString, mark_safe

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
