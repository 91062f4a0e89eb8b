"""bakerydemo's own production settings, as bench/compare serves it.

Only what a benchmark on loopback needs is changed: plain HTTP (no HTTPS
redirect), the folders of this run, and the same Server-Timing middleware
as this site's (first in the chain, so both sites are timed from the same
point and their SQL counted alike). Everything else, caches included, is
bakerydemo's.
"""

# ruff: noqa: F403, F405
import os
import sys
from pathlib import Path

from bakerydemo.settings.production import *

# Appended, not prepended: bakerydemo's own packages come first.
sys.path.append(os.environ["BENCH_SITE_ROOT"])

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
MEDIA_ROOT = os.environ["BENCH_MEDIA_ROOT"]
Path(MEDIA_ROOT).mkdir(parents=True, exist_ok=True)

SERVER_TIMING = True
MIDDLEWARE = ["lifelong_site.http.server_timing.ServerTimingMiddleware", *MIDDLEWARE]
LOGGING = {"version": 1, "disable_existing_loggers": False}  # no request line per request
