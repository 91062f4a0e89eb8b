"""`/healthz`: is this instance able to serve? For load balancers, the
systemd watchdog and uptime monitors.

It answers 200 when the database answers a query and every migration on disk
is applied, 503 otherwise, naming only which check failed: no versions, host
names or settings, since the URL is public. Never cached.
"""

from __future__ import annotations

import functools
import logging

from django.db import DatabaseError, connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return False


@functools.cache
def migrations_on_disk() -> frozenset[tuple[str, str]]:
    """Every migration the code needs. Read once per process: building the
    graph costs ~170 ms, and the files only change with a deployment, which
    restarts the workers."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return frozenset(loader.graph.nodes)


def migrations_applied() -> bool:
    # One query per check; squashed migrations count through their replacements.
    recorded = MigrationRecorder(connection).applied_migrations()
    return all(key in recorded for key in migrations_on_disk())


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": database_answers()}
    checks["migrations"] = checks["database"] and migrations_applied()
    healthy = all(checks.values())
    return JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            "checks": {name: "ok" if passed else "failing" for name, passed in checks.items()},
        },
        status=200 if healthy else 503,
    )
