"""Settings of one application node in tests/deployment: the test settings
with the node's own data and media folders, and the shared parts (Redis,
every node's purge listener) that the environment names, as in production."""

from __future__ import annotations

import os
from pathlib import Path

from lifelong_site.caching.purge_targets import purge_backends
from lifelong_site.caching.redis_settings import redis_caches
from lifelong_site.settings.env import env_url_list
from lifelong_site.settings.test import *  # noqa: F403

DATA_DIR = Path(os.environ["NODE_DATA_DIR"])
MEDIA_ROOT = DATA_DIR / "media"
CACHES = redis_caches(os.environ["REDIS_URL"])
PAGE_CACHE_SECONDS = 600
FRAGMENT_CACHE_SECONDS = 600
WAGTAILFRONTENDCACHE = purge_backends(env_url_list("FRONTEND_CACHE_PURGE_URL"))
