"""Small helpers that read configuration from the environment."""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_url_list(name: str) -> list[str]:
    """Comma-separated http(s) URLs (a search cluster's nodes, one listener per
    server). Each is checked here, so a typo stops the start-up naming the URL
    instead of turning into a connection error at the first request."""
    urls = env_list(name)
    for url in urls:
        if not _is_http_url(url):
            # Credentials in a URL (https://user:secret@host) stay out of the message.
            shown = re.sub(r"//[^/@]*@", "//***@", url)
            raise ImproperlyConfigured(
                f"{name}: {shown!r} is not an http(s) URL such as http://10.0.0.5:9200"
                " (separate several URLs with commas)"
            )
    return urls


def _is_http_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  raises ValueError for a port that is not a number
    except ValueError:
        return False
    return parts.scheme in {"http", "https"} and bool(parts.hostname)


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def persistent_dev_secret(data_dir: Path) -> str:
    """A random key kept in the data folder, so dev sessions survive restarts
    without a secret ever being committed."""
    key_file = data_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key
