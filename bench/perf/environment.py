"""Environment variables of the site's processes: the build (bench.settings,
the development settings with the demo and bench apps, as every benchmark
builds: the demo's offline machine translation) and the servers (production
settings: DEBUG off, whitenoise, JSON logs)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEMO_PASSWORD = "benchmark-only-password"


@dataclass(frozen=True)
class Folders:
    data: Path  # DATA_DIR: the dev secret key, the demo password file
    media: Path  # MEDIA_ROOT
    static: Path  # STATIC_ROOT, filled by collectstatic
    page_cache: Path  # PAGE_CACHE_DIR of the build and the update_index step


def base_environment(folders: Folders) -> dict[str, str]:
    # A search server in the caller's environment would take the index
    # rebuild elsewhere; the figures are the database backend's.
    environment = {
        k: v for k, v in os.environ.items() if k not in {"ELASTICSEARCH_URL", "SEARCH_BACKEND"}
    }
    environment.update(
        DATA_DIR=str(folders.data),
        MEDIA_ROOT=str(folders.media),
        STATIC_ROOT=str(folders.static),
        PAGE_CACHE_DIR=str(folders.page_cache),
        DEMO_ADMIN_PASSWORD=DEMO_PASSWORD,
        PAGE_CACHE_SECONDS="0",
    )
    return environment


def build_environment(folders: Folders) -> dict[str, str]:
    environment = base_environment(folders)
    environment["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    environment.pop("SECRET_KEY", None)  # dev keeps its own key in DATA_DIR
    return environment


def production_environment(
    folders: Folders,
    secret_key: str,
    hosts: list[str],
    *,
    page_cache_seconds: int = 0,
    page_cache_dir: Path | None = None,
) -> dict[str, str]:
    environment = base_environment(folders)
    environment.update(
        DJANGO_SETTINGS_MODULE="lifelong_site.settings.production",
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS=",".join(hosts),
        SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback for the direct runs; nginx sends X-Forwarded-Proto
        PAGE_CACHE_SECONDS=str(page_cache_seconds),
        PAGE_CACHE_DIR=str(page_cache_dir or folders.page_cache),
        SERVER_TIMING="true",  # the per-page figures come from this header
    )
    return environment
