"""Settings shared by every environment."""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from lifelong_site.i18n import LANGUAGE_NAMES, SOURCE_LANGUAGE, TRANSLATION_LANGUAGE

from .env import env_list, env_str
from .security import *  # noqa: F403  headers, sign-in throttling, sessions, admin access
from .uploads import *  # noqa: F403  upload limits

PROJECT_DIR = Path(__file__).resolve().parent.parent  # the site/ folder
BASE_DIR = PROJECT_DIR.parent  # the checkout
DATA_DIR = Path(env_str("DATA_DIR") or BASE_DIR / "data")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The core, then the platform apps beside it, then the content apps
    # (docs/architecture.md). Before wagtail_localize: the translation app
    # overrides one of its templates. The demo content (demo) and the
    # benchmarks (bench) are no part of the product: only the development and
    # test settings (and bench/settings.py) add them.
    "lifelong_site",
    "lifelong_site.http",
    "lifelong_site.caching",
    "lifelong_site.security",
    "lifelong_site.backup",
    "lifelong_site.translation",
    "lifelong_site.editorial",
    "news",
    "campaigns",
    "search",
    "wagtail_localize",
    "axes",  # sign-in throttling and lock-out
    "django_otp",  # two-factor sign-in (TOTP) for editors
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # one-time recovery codes
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.routable_page",
    # Not "wagtail.contrib.frontend_cache": its signal handlers would purge in
    # the editor's publish request; lifelong_site.caching.frontend purges
    # through the queue below, with Wagtail's backends.
    "django_tasks",
    "django_tasks_db",  # the purge queue's table
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "lifelong_site.http.request_log.RequestIdMiddleware",  # first: every log line of the request carries its id
    "lifelong_site.http.server_timing.ServerTimingMiddleware",  # outside the page cache: hits show their cost too
    "django.middleware.security.SecurityMiddleware",
    "lifelong_site.security.headers.SecurityHeadersMiddleware",
    # Before sessions: a refused admin request never touches the database.
    "lifelong_site.security.admin_access.AdminAccessMiddleware",
    "lifelong_site.security.read_only.PublicReadOnlyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache: a hit answers If-None-Match / If-Modified-Since with a 304 too.
    "django.middleware.http.ConditionalGetMiddleware",
    "lifelong_site.caching.headers.CacheHeadersMiddleware",  # Cache-Control for the proxy and browsers
    # Before sessions and authentication: a hit costs no database query.
    "lifelong_site.caching.page_cache.AnonymousPageCacheMiddleware",
    "lifelong_site.memo.MemoMiddleware",  # opens the request's memo (lifelong_site.memo)
    "lifelong_site.http.routing.SharedRouteMiddleware",  # the page found from the shared site and home
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "lifelong_site.security.two_factor.middleware.RequireVerifiedEditorMiddleware",
    "lifelong_site.security.draft_titles.AdminViewerMiddleware",  # draft titles only for those who may edit
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: turns a lock-out into its page
]

ROOT_URLCONF = "lifelong_site.urls"
WSGI_APPLICATION = "lifelong_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: DATABASE_URL (postgres://user:pass@host:port/name) or a SQLite file
# in the data folder, which is what `make run` uses.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast while PostgreSQL is unreachable: the reader gets the 503 page
    # (lifelong_site.http.errors) in seconds instead of waiting for TCP's timeout.
    # A connect_timeout in DATABASE_URL wins.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caches. "pages" holds whole pages for anonymous readers
# (lifelong_site.caching): files in the data folder, shared by every server
# process and by the scheduler, whose publications must drop it too.
PAGE_CACHE_SECONDS = int(env_str("PAGE_CACHE_SECONDS") or 600)
# Views counted by the article beacon are written in batches (news.view_counts):
# every VIEW_COUNT_FLUSH_SECONDS, or once VIEW_COUNT_FLUSH_VIEWS are waiting; 0 writes each view.
VIEW_COUNT_FLUSH_SECONDS = int(env_str("VIEW_COUNT_FLUSH_SECONDS") or 10)
VIEW_COUNT_FLUSH_VIEWS = int(env_str("VIEW_COUNT_FLUSH_VIEWS") or 500)
# The navigation, footer, site identity and locales every page shows, kept
# in the same cache and dropped with it (lifelong_site.memo); on
# even when whole pages are not cached. 0 turns it off.
FRAGMENT_CACHE_SECONDS = int(env_str("FRAGMENT_CACHE_SECONDS") or 600)
# How long the reverse proxy (deploy/nginx) may keep an anonymous page: its
# s-maxage (lifelong_site.caching.headers). Publishing purges the page's URLs,
# so this only bounds what a purge cannot reach. 0: the proxy keeps nothing.
PROXY_CACHE_SECONDS = int(env_str("PROXY_CACHE_SECONDS") or 600)
# The same for answers no purge can reach: searches, URLs with a query string.
PROXY_CACHE_SHORT_SECONDS = int(env_str("PROXY_CACHE_SHORT_SECONDS") or 60)
# The nginx purge listener (deploy/nginx, e.g. http://127.0.0.1:8081); with
# several application servers, every node's listener, comma-separated: each
# node keeps its own proxy cache and each is purged on its own (one that is
# down does not stop the others). Empty: nothing is purged, as in development.
from lifelong_site.caching.purge_targets import purge_backends  # noqa: E402

from .env import env_url_list  # noqa: E402

FRONTEND_CACHE_PURGE_URLS = env_url_list("FRONTEND_CACHE_PURGE_URL")
WAGTAILFRONTENDCACHE = purge_backends(FRONTEND_CACHE_PURGE_URLS)
# Purge each URL as given: Wagtail would otherwise rewrite /en/ URLs into
# every language's prefix, and the Chinese pages have none.
WAGTAILFRONTENDCACHE_LANGUAGES: list[str] = []
# Background work. Wagtail's own (search and reference index updates, image
# focal points) runs at once, in the request, as before: the document
# privacy check reads the reference index right after a publish. Purges go
# through a queue in the database (lifelong_site.caching.purge_queue), worked
# by `manage.py db_worker --backend purges` (make run and
# deploy/systemd/lifelong-purges.service start it): an editor's publish does
# not wait for the proxies, and a node that is down is purged when it returns.
from lifelong_site.caching.purge_targets import task_backends  # noqa: E402

TASKS = task_backends()
# Seconds between the tries of a purge a node did not take; the last repeats
# until PROXY_CACHE_SECONDS have passed, after which that node's copy has
# expired by itself.
FRONTEND_CACHE_PURGE_RETRY_SECONDS = (5, 15, 30, 60, 120)
# Server-Timing header with the request's time and SQL count (lifelong_site.http.server_timing):
# for benchmarks and diagnosis; off by default, as it tells anyone what each URL costs.
from .env import env_bool  # noqa: E402

SERVER_TIMING = env_bool("SERVER_TIMING", False)
# With REDIS_URL (several servers): both caches in that Redis, so that a
# publication on any server drops every server's pages and counters count
# once for all (lifelong_site.caching.redis_settings). Without it (make run,
# one server): per-process memory and page files in the data folder.
from lifelong_site.caching.redis_settings import redis_caches  # noqa: E402

REDIS_URL = env_str("REDIS_URL")
CACHES = (
    redis_caches(REDIS_URL)
    if REDIS_URL
    else {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(Path(env_str("PAGE_CACHE_DIR") or DATA_DIR / "page-cache")),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
    }
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Chinese is the source language and is served at /,
# English is the translation and lives under /en/ (lifelong_site.i18n).
LANGUAGE_CODE = SOURCE_LANGUAGE
LANGUAGES = [
    (SOURCE_LANGUAGE, "简体中文"),
    (TRANSLATION_LANGUAGE, "English"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PROJECT_DIR / "locale"]
USE_I18N = True
# Editors work in China Standard Time whatever the server's own zone is.
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "static_collected")
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or DATA_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# With MEDIA_S3_BUCKET: uploads in an S3-compatible bucket (MinIO, Aliyun OSS,
# Tencent COS, Huawei OBS...) instead of MEDIA_ROOT (settings/object_storage.py,
# docs/uploads.md "Object storage"). Renditions get signed URLs that outlive
# every cache of the pages that carry them.
from .object_storage import ObjectStorage  # noqa: E402
from .security import CSP_EXTRA_IMG_SRC  # noqa: E402

MEDIA_OBJECT_STORAGE = ObjectStorage.from_environment(
    cached_seconds=PAGE_CACHE_SECONDS + FRAGMENT_CACHE_SECONDS + PROXY_CACHE_SECONDS
)
if MEDIA_OBJECT_STORAGE is not None:
    STORAGES.update(MEDIA_OBJECT_STORAGE.storages())
    WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
    # Explicit (uploads.py says the same): Wagtail's default for a storage
    # without local paths is "redirect", which after the permission checks
    # hands out a signed bucket URL that works for anyone it is passed to
    # until it expires, and leaves out the download headers. serve_view
    # streams every download through the application, checks and headers
    # included, and the bucket stays unreachable without a signature.
    WAGTAILDOCS_SERVE_METHOD = "serve_view"
    CSP_EXTRA_IMG_SRC = [*CSP_EXTRA_IMG_SRC, MEDIA_OBJECT_STORAGE.url_origin()]

# Wagtail
WAGTAIL_SITE_NAME = "全民终身学习活动周"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: it is unreachable from mainland China (each admin page waited
# on it) and would send a hash of every editor's email address abroad.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nothing lost (see docs/editorial.md): the editor saves a draft revision by
# itself half a second after typing stops, and warns when someone else is
# editing the same page (checked every 10 s). Both are Wagtail's, made explicit
# here so that nobody switches them off unknowingly.
WAGTAIL_AUTOSAVE_INTERVAL = 500
WAGTAIL_EDITING_SESSION_PING_INTERVAL = 10_000
# Every page goes through the review workflow; moderation emails (submitted,
# approved, rejected with the reviewer's comment) go out from this address.
WAGTAIL_WORKFLOW_ENABLED = True
# Approval publishes the revision the reviewer approved, on the workflow's
# authority (reviewers hold no publish permission; see editorial/four_eyes.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "lifelong_site.editorial.publishing.publish_reviewed_revision"
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = env_str(
    "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", "noreply@lifelong-learning.example"
)
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "odt",
    "ods",
    "wps",
    "et",
    "ofd",
    "txt",
    "csv",
    "zip",
]
# Search (see docs/search.md). The database backend by default: SQLite for
# `make run`, PostgreSQL wherever DATABASE_URL names it. With a search server,
# the database index is kept as well, under "fallback", so that search still
# answers from it while the server is down (search.service). Text reaches
# every backend segmented by search.analysis; "simple" keeps PostgreSQL from
# stemming it a second time.
from .env import env_url_list  # noqa: E402

_DATABASE_SEARCH = {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
SEARCH_BACKEND = env_str("SEARCH_BACKEND", "database")
_SEARCH_SERVER_BACKENDS = {
    "elasticsearch": "search.backends.elasticsearch9",
    "elasticsearch9": "search.backends.elasticsearch9",
    "opensearch": "search.backends.opensearch3",
}
# One node or a cluster's nodes, comma-separated ("http://es1:9200,http://es2:9200"),
# each checked at start-up (read only when a search server is chosen). The
# Elasticsearch 9 and OpenSearch 3 clients spread requests over the nodes and
# retry a request on another node when one refuses the connection.
ELASTICSEARCH_URLS = (
    env_url_list("ELASTICSEARCH_URL") if SEARCH_BACKEND in _SEARCH_SERVER_BACKENDS else []
)
if ELASTICSEARCH_URLS:
    _SEARCH_SERVER: dict[str, object] = {
        "BACKEND": _SEARCH_SERVER_BACKENDS[SEARCH_BACKEND],
        "URLS": ELASTICSEARCH_URLS,
        "INDEX_PREFIX": env_str("ELASTICSEARCH_INDEX_PREFIX", "lifelong_"),
        "TIMEOUT": 5,
        "CHINESE_ANALYZER": env_str("SEARCH_CHINESE_ANALYZER", "auto"),
    }
    if len(ELASTICSEARCH_URLS) > 1:
        # A timeout moves on to the next node too (tests/search/test_search_nodes.py):
        # a hung node, or for Elasticsearch's client a host that is down (an
        # unanswered connect counts as a timeout), would otherwise send every
        # search that picks it first to the database fallback. A request makes
        # at most one attempt per node, so a reader waits at most
        # nodes × TIMEOUT before the database answers. One node keeps the
        # clients' defaults.
        _SEARCH_SERVER["OPTIONS"] = {
            "retry_on_timeout": True,
            "max_retries": len(ELASTICSEARCH_URLS) - 1,
        }
    WAGTAILSEARCH_BACKENDS = {"default": _SEARCH_SERVER, "fallback": _DATABASE_SEARCH}
else:
    WAGTAILSEARCH_BACKENDS = {"default": _DATABASE_SEARCH}

# Logs go to standard error (journald under systemd). LOG_FORMAT=json gives
# one JSON object per line with the request id (lifelong_site.http.request_log);
# production uses it by default, development the readable text form.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "lifelong_site.http.request_log.RequestContextFilter"}},
    "formatters": {
        "json": {"()": "lifelong_site.http.request_log.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_context"],
            "formatter": LOG_FORMAT,
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "lifelong_site": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Replaces Django's own console handler, which printed each error a second time, unformatted.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Names shown in the language switcher, each in the language it names, so they
# are deliberately not translated.
LANGUAGE_SWITCHER_LABELS = LANGUAGE_NAMES

# Serve static files from the app folders too when no collectstatic has run
# (development, tests); production serves the collected, hashed files.
WHITENOISE_USE_FINDERS = True

WAGTAILIMAGES_IMAGE_MODEL = "lifelong_site.SiteImage"
WAGTAILDOCS_DOCUMENT_MODEL = "lifelong_site.SiteDocument"

# A new translation of a live page starts as a draft in the English review
# workflow; wagtail-localize's default would publish it at once, untranslated.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Machine translation for first drafts of English pages, always behind the
# glossary step (lifelong_site.translation). MACHINE_TRANSLATION is none,
# deepl (DEEPL_AUTH_KEY), libretranslate (LIBRETRANSLATE_URL, LIBRETRANSLATE_API_KEY)
# or phrasebook (offline, for demos and tests).
from lifelong_site.translation.engines import machine_translator_setting  # noqa: E402

_MACHINE_TRANSLATION = env_str("MACHINE_TRANSLATION", "none")
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator_setting(
    _MACHINE_TRANSLATION,
    {
        "deepl": {"AUTH_KEY": env_str("DEEPL_AUTH_KEY")},
        "libretranslate": {
            "LIBRETRANSLATE_URL": env_str("LIBRETRANSLATE_URL", "http://127.0.0.1:5000"),
            "API_KEY": env_str("LIBRETRANSLATE_API_KEY"),
        },
    }.get(_MACHINE_TRANSLATION.strip().lower(), {}),
)
