"""The client's address, for sign-in throttling and the admin network list.

Behind the reverse proxy REMOTE_ADDR is the proxy itself, so the address is
read from the header the proxy sets (CLIENT_IP_HEADER, e.g. X-Real-IP), and
only then: a header the proxy does not overwrite is whatever the client says.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header:
        meta_key = "HTTP_" + header.upper().replace("-", "_")
        # X-Forwarded-For may hold a chain; the proxy appends the client last.
        candidate = request.META.get(meta_key, "").split(",")[-1].strip()
        if _is_address(candidate):
            return candidate
    return request.META.get("REMOTE_ADDR", "")


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
