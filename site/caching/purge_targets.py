"""The proxy caches publishing purges: one Wagtail frontend-cache backend
per node (WAGTAILFRONTENDCACHE), so that a page corrected on one server is
dropped from every server's nginx cache, not only the one next to it."""

from __future__ import annotations

from typing import Any

PURGE_BACKEND = "lifelong_site.caching.frontend.NginxPurgeBackend"
# The django-tasks backend (TASKS) purges are queued on (purge_queue).
PURGE_TASK_BACKEND = "purges"
IMMEDIATE_TASKS = "django_tasks.backends.immediate.ImmediateBackend"


def task_backends(purges_queued: bool = True) -> dict[str, dict[str, str]]:
    """TASKS: Wagtail's own work at once; purges in the database queue for
    a worker, or (tests) at once too."""
    return {
        "default": {"BACKEND": IMMEDIATE_TASKS},
        PURGE_TASK_BACKEND: {
            "BACKEND": "django_tasks_db.DatabaseBackend" if purges_queued else IMMEDIATE_TASKS
        },
    }


def purge_backends(locations: list[str]) -> dict[str, dict[str, Any]]:
    """``{"nginx": {...}, "nginx-2": {...}}`` for the nodes' purge listeners,
    in the order given (the first keeps the single-node name)."""
    return {
        ("nginx" if number == 1 else f"nginx-{number}"): {
            "BACKEND": PURGE_BACKEND,
            "LOCATION": location,
        }
        for number, location in enumerate(locations, start=1)
    }
