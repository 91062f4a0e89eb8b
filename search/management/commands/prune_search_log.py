"""``manage.py prune_search_log``: keep the search log bounded and the
popular-search counts current (search.popular). Run it daily, e.g. from a
systemd timer or cron; the log also prunes itself once a day when searches
are logged."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from search.popular import RETENTION_DAYS, prune_log, refresh_counts


class Command(BaseCommand):
    help = f"Delete search-log rows older than {RETENTION_DAYS} days and recount the popular-search candidates."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            deleted = prune_log()
            changed = refresh_counts()
        summary = ", ".join(f"{count} {name}" for name, count in deleted.items())
        self.stdout.write(f"Deleted {summary}; {changed} popular search(es) recounted or proposed.")
