#!/usr/bin/env bash
# Install the Debian packages bench/run needs, only those missing: the
# PostgreSQL server binaries (its private cluster), wrk (the load generator),
# nginx with the cache-purge module (the shipped reverse proxy, run in front
# of the application; its purge listener loads the module) and openssl (a
# self-signed certificate for nginx).
set -euo pipefail

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || missing+=(postgresql)
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-core)
dpkg -s libnginx-mod-http-cache-purge >/dev/null 2>&1 || missing+=(libnginx-mod-http-cache-purge)
command -v openssl >/dev/null || missing+=(openssl)

source "$(dirname "$0")/../tests/support/install_missing.sh"
install_missing "${missing[@]}"
