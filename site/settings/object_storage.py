"""Uploaded files in S3-compatible object storage (docs/uploads.md, "Object
storage"): on when MEDIA_S3_BUCKET is set, otherwise nothing changes and
files stay in MEDIA_ROOT (`make run`).

Two storages over the same private bucket, both serving only signed URLs:

- ``default``: original images, documents and the multiple uploader's
  holding area. Nothing of it is ever linked for readers (documents stream
  through the application's permission checks, originals are never shown),
  so its signed URLs (the admin's "original" links) live a few minutes.
- ``renditions`` (WAGTAILIMAGES_RENDITION_STORAGE): the resized images that
  pages show. Their signed URLs are written into HTML that the page cache,
  the fragment cache and the reverse proxy keep for a while, so they must
  outlive all of those together (checked below), or a cached page would
  show broken images.

The bucket itself needs no public policy at all: a reader can only fetch
what a signature names, and a bare object URL is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .env import env_int, env_str

AddressingStyle = Literal["path", "virtual"]
# django-storages S3 storage; opening a file while the storage is unreachable
# raises OSError, as with MEDIA_ROOT (lifelong_site.object_storage).
S3_BACKEND = "lifelong_site.object_storage.S3MediaStorage"
# The admin's links to originals are followed at once; nothing keeps them.
ORIGINAL_URL_SECONDS = 300
# Rendition URLs in pages: a day by default, far above the caches' sum
# (10 + 10 + 10 minutes out of the box) and a short outage during which
# nginx serves stale pages (proxy_cache_use_stale).
RENDITION_URL_SECONDS = 24 * 3600
# Signature version 4 refuses URLs signed for longer than a week.
MAX_URL_SECONDS = 7 * 24 * 3600
# Fail fast while the storage is unreachable: an editor's upload gets its
# form error in seconds rather than after botocore's default five tries.
CONNECT_TIMEOUT_SECONDS = 3
READ_TIMEOUT_SECONDS = 30
MAX_ATTEMPTS = 2


@dataclass(frozen=True)
class ObjectStorage:
    bucket: str
    endpoint_url: str
    region: str
    access_key_id: str
    secret_access_key: str
    addressing_style: AddressingStyle
    rendition_url_seconds: int

    @classmethod
    def from_environment(cls, cached_seconds: int) -> ObjectStorage | None:
        """The configuration from MEDIA_S3_*, or None without MEDIA_S3_BUCKET.
        `cached_seconds`: how long a rendered page can be kept before it is
        rendered again (every cache in front of it added up)."""
        bucket = env_str("MEDIA_S3_BUCKET")
        if not bucket:
            return None
        endpoint_url = env_str("MEDIA_S3_ENDPOINT_URL")
        parts = urlsplit(endpoint_url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            # Required rather than left to boto's AWS default: the rendition
            # URLs' origin must be known here for the Content-Security-Policy.
            raise ImproperlyConfigured(
                "MEDIA_S3_ENDPOINT_URL must be the storage's http(s) endpoint, e.g."
                " https://oss-cn-beijing.aliyuncs.com or http://10.0.0.7:9000 (MinIO)."
            )
        style = env_str("MEDIA_S3_ADDRESSING_STYLE", "virtual").lower()
        if style not in {"path", "virtual"}:
            raise ImproperlyConfigured(
                "MEDIA_S3_ADDRESSING_STYLE must be 'path' (MinIO) or 'virtual' (most clouds)."
            )
        seconds = env_int("MEDIA_S3_RENDITION_URL_SECONDS", RENDITION_URL_SECONDS)
        if not cached_seconds < seconds <= MAX_URL_SECONDS:
            raise ImproperlyConfigured(
                f"MEDIA_S3_RENDITION_URL_SECONDS ({seconds}) must be above {cached_seconds}"
                " (PAGE_CACHE_SECONDS + FRAGMENT_CACHE_SECONDS + PROXY_CACHE_SECONDS: cached"
                f" pages keep their image URLs that long) and at most {MAX_URL_SECONDS}."
            )
        return cls(
            bucket=bucket,
            endpoint_url=endpoint_url.rstrip("/"),
            region=env_str("MEDIA_S3_REGION"),
            access_key_id=env_str("MEDIA_S3_ACCESS_KEY_ID"),
            secret_access_key=env_str("MEDIA_S3_SECRET_ACCESS_KEY"),
            addressing_style="path" if style == "path" else "virtual",
            rendition_url_seconds=seconds,
        )

    def storages(self) -> dict[str, dict[str, Any]]:
        """The STORAGES entries: "default" and "renditions"."""
        return {
            "default": self.storage(ORIGINAL_URL_SECONDS),
            "renditions": self.storage(self.rendition_url_seconds),
        }

    def storage(self, url_seconds: int) -> dict[str, Any]:
        from botocore.config import Config

        options: dict[str, Any] = {
            "bucket_name": self.bucket,
            "endpoint_url": self.endpoint_url,
            "region_name": self.region or None,
            "access_key": self.access_key_id or None,
            "secret_key": self.secret_access_key or None,
            # Private objects, whatever the bucket's default: a bare URL is refused.
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": url_seconds,
            # A second upload named like the first gets its own key: Wagtail
            # never expects a stored file to change under an existing record.
            "file_overwrite": False,
            # Given whole, the client configuration replaces django-storages'
            # own, so the addressing style and signature go in here too.
            "client_config": Config(
                signature_version="s3v4",
                s3={"addressing_style": self.addressing_style},
                connect_timeout=CONNECT_TIMEOUT_SECONDS,
                read_timeout=READ_TIMEOUT_SECONDS,
                retries={"max_attempts": MAX_ATTEMPTS, "mode": "standard"},
            ),
        }
        return {"BACKEND": S3_BACKEND, "OPTIONS": options}

    def url_origin(self) -> str:
        """Where browsers fetch renditions from, for img-src: the endpoint
        itself (path style) or the bucket's name under it (virtual style)."""
        parts = urlsplit(self.endpoint_url)
        host = parts.netloc if self.addressing_style == "path" else f"{self.bucket}.{parts.netloc}"
        return f"{parts.scheme}://{host}"
