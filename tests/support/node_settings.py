"""Settings of one application node in tests/deployment: the test settings
with the node's own data and media folders, and the shared parts (Redis,
every node's purge listener) that the environment names, as in production."""

from __future__ import annotations

import os
from pathlib import Path

from lifelong_site.caching.purge_targets import purge_backends, task_backends
from lifelong_site.caching.redis_settings import redis_caches
from lifelong_site.settings.env import env_url_list
from lifelong_site.settings.object_storage import ObjectStorage
from lifelong_site.settings.test import *  # noqa: F403
from lifelong_site.settings.test import PROXY_CACHE_SECONDS, STORAGES

DATA_DIR = Path(os.environ["NODE_DATA_DIR"])
MEDIA_ROOT = DATA_DIR / "media"
CACHES = redis_caches(os.environ["REDIS_URL"])
PAGE_CACHE_SECONDS = 600
FRAGMENT_CACHE_SECONDS = 600
WAGTAILFRONTENDCACHE = purge_backends(env_url_list("FRONTEND_CACHE_PURGE_URL"))
# Purges queued in the database for the node's worker (db_worker), as in
# production; the test settings run them at once.
TASKS = task_backends()
FRONTEND_CACHE_PURGE_RETRY_SECONDS = (1,)
# The bucket every node shares (MEDIA_S3_*), as base.py reads it; the test
# settings pin local files, so it is applied here again.
MEDIA_OBJECT_STORAGE = ObjectStorage.from_environment(
    cached_seconds=PAGE_CACHE_SECONDS + FRAGMENT_CACHE_SECONDS + PROXY_CACHE_SECONDS
)
if MEDIA_OBJECT_STORAGE is not None:
    STORAGES = {**STORAGES, **MEDIA_OBJECT_STORAGE.storages()}
    WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
    WAGTAILDOCS_SERVE_METHOD = "serve_view"
