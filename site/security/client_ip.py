"""The client's address, for sign-in throttling and the admin network list,
and a keyed hash of it for counting clients without keeping addresses.

Behind the reverse proxy REMOTE_ADDR is the proxy itself, so the address is
read from the header the proxy sets (CLIENT_IP_HEADER, e.g. X-Real-IP), and
only then: a header the proxy does not overwrite is whatever the client says.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

# 16 hex digits (64 bits): enough to tell a day's clients apart, too few to
# matter as an identifier.
CLIENT_KEY_LENGTH = 16


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


def client_key(request: HttpRequest, purpose: str, period: str = "") -> str:
    """A keyed hash of the client's address (HMAC-SHA256 with SECRET_KEY),
    truncated, for counting distinct clients without storing addresses.

    ``purpose`` (e.g. "search-log", "page-views") and ``period`` (e.g. the
    day, "2024-04-27") are part of the key: the same client gives the same
    value only for the same purpose and period, so values kept for one
    feature or one day cannot be matched with another's, and without the
    secret key an address cannot be found from its value."""
    address = client_ip(request)
    digest = salted_hmac(
        f"lifelong_site.security.client_key:{purpose}:{period}", address, algorithm="sha256"
    )
    return digest.hexdigest()[:CLIENT_KEY_LENGTH]
