"""`/healthz`: is this instance able to serve? For load balancers, the
systemd watchdog and uptime monitors.

It answers 200 when the database answers a query and every migration on disk
is applied, 503 otherwise, naming only which check failed: no versions, host
names or settings, since the URL is public. Never cached.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
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


def migrations_applied() -> bool:
    executor = MigrationExecutor(connection)
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": database_answers()}
    checks["migrations"] = checks["database"] and migrations_applied()
    healthy = all(checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": {name: "ok" if passed else "failing" for name, passed in checks.items()}},
        status=200 if healthy else 503,
    )
