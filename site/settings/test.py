"""Test settings: PostgreSQL when DATABASE_URL says so (what `make test` does),
SQLite otherwise."""

from lifelong_site.caching.purge_targets import task_backends

from .base import *  # noqa: F403
from .base import BASE_DIR, INSTALLED_APPS, machine_translator_setting

# The demo content (load_demo) and the benchmarks' generate_archive, both
# tested; last, so that neither could override the product's templates.
INSTALLED_APPS = [*INSTALLED_APPS, "demo", "bench"]

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "data" / "test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests translate with the deterministic offline engine, never a network service.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator_setting("phrasebook")
# The page cache is off except in the tests that switch it on (tests/caching/test_page_cache.py):
# most tests change content without publishing and read it back at once.
PAGE_CACHE_SECONDS = 0
# Each view is written at once, except in the tests of the batches.
VIEW_COUNT_FLUSH_SECONDS = 0
FRAGMENT_CACHE_SECONDS = 0
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# No reverse proxy to purge, whatever the environment says; the proxy tests
# (tests/caching/test_nginx_proxy.py) point this at the nginx they start.
WAGTAILFRONTENDCACHE = {}
# Purges run at once, in the publishing request, so that the proxy tests can
# read the page right after a publish; the queue, its worker and its retries
# are tested with the database backend (tests/caching/test_purge_queue.py,
# tests/deployment/test_two_servers.py).
TASKS = task_backends(purges_queued=False)
