"""The only inline scripts the public pages carry, and their CSP hashes.

Hashes rather than nonces: a page served from the page cache or the reverse
proxy's cache would repeat one nonce to every reader, whereas a hash stays
right for as long as the script does. A script is listed here, rendered by
`{% inline_script %}` and allowed by the Content-Security-Policy from this one
place, so the three cannot drift apart.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Final

# 适老化/无障碍 settings saved by a11y-toolbar.js, put on <html> before first
# paint (no flash of small text). ES5, no dependencies, under 600 bytes.
A11Y_SETTINGS: Final = (
    'try{(function(d,s,k,n,v){for(n in k){v=s.getItem("lifelong:"+n);'
    'if(v&&k[n].test(v))d.setAttribute("data-"+n,v)}})(document.documentElement,'
    'window.localStorage,{"text-size":/^[12]$/,contrast:/^high$/,spacing:/^wide$/,'
    "cursor:/^large$/})}catch(e){}"
)

INLINE_SCRIPTS: Final[dict[str, str]] = {"a11y-settings": A11Y_SETTINGS}


def csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_script_hashes() -> list[str]:
    return [csp_hash(source) for source in INLINE_SCRIPTS.values()]
