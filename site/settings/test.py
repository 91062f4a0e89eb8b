"""Test settings: PostgreSQL when DATABASE_URL says so (what `make test` does),
SQLite otherwise."""

from .base import *  # noqa: F403
from .base import BASE_DIR, machine_translator_setting

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
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
