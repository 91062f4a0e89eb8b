"""Development settings: what `make run` uses (SQLite, database search)."""

from .base import *  # noqa: F403
from .base import DATA_DIR, INSTALLED_APPS, machine_translator_setting
from .env import env_bool, env_list, env_str, persistent_dev_secret

# The demo content and its `load_demo` command (make run); last, so that
# nothing of it could override the product's templates or static files.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

DEBUG = True
SECRET_KEY = env_str("SECRET_KEY") or persistent_dev_secret(DATA_DIR)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The offline phrasebook makes "Translate with machine" work without internet;
# set MACHINE_TRANSLATION=deepl or libretranslate for a real engine.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator_setting(
    env_str("MACHINE_TRANSLATION", "phrasebook")
)

# The browser's developer tools show each page's time and SQL queries
# (Server-Timing); production keeps it off unless asked for.
SERVER_TIMING = env_bool("SERVER_TIMING", True)
