"""Long-running scheduler: publishes pages whose go-live time has come and
unpublishes expired ones, once a minute, aligned to the start of the minute.

`make run` starts it beside the development server. In production run it as a
service on every application host (see deploy/), or call
`manage.py run_scheduler --once` from a systemd timer or cron line every
minute; a page scheduled while the scheduler was down goes live at the next
run, because a pass picks up every revision whose time has passed.

Each pass takes a lock first (editorial.scheduler_lock): on PostgreSQL an
advisory lock shared by every host, so one pass runs at a time across the
cluster and a host that finds it taken skips that tick. Wagtail's own
`publish_scheduled` takes no lock; do not schedule it beside this command.
"""

from __future__ import annotations

import logging
import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone

from lifelong_site.editorial.scheduled_publishing import run_scheduled_publishing
from lifelong_site.editorial.scheduler_lock import exclusive_pass

logger = logging.getLogger("lifelong_site.scheduler")


def seconds_until_next_tick(interval: int, now: float | None = None) -> float:
    """Seconds from ``now`` to the next multiple of ``interval`` (plus a little
    slack so a page due at 09:30:00 is published in the run at 09:30:01)."""
    now = time.time() if now is None else now
    return interval - (now % interval) + 1.0


class Command(BaseCommand):
    help = "Publish scheduled pages and unpublish expired ones, every minute, until stopped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval", type=int, default=60, help="Seconds between runs (default 60)."
        )
        parser.add_argument("--once", action="store_true", help="Run a single pass and exit.")

    def handle(self, *args, interval: int, once: bool, **options) -> None:
        if interval < 1:
            interval = 1
        if not once:
            self.stdout.write(
                f"Scheduler running: publishing scheduled pages every {interval} s (Ctrl-C stops)."
            )
        try:
            while True:
                self.run_pass()
                if once:
                    return
                time.sleep(seconds_until_next_tick(interval))
        except KeyboardInterrupt:
            self.stdout.write("Scheduler stopped.")

    def run_pass(self) -> None:
        self.drop_stale_connections()
        try:
            with exclusive_pass() as acquired:
                if not acquired:
                    # Normal with a scheduler on every host: another host's pass
                    # is publishing; whatever it leaves, the next tick takes.
                    logger.debug("Another scheduler pass holds the lock; skipping this one")
                    return
                published = run_scheduled_publishing()
        except (DatabaseError, ValidationError):
            # A database outage, or a page refusing to be unpublished, must not
            # kill the scheduler; the next pass retries. (A page refusing to go
            # live is skipped by the pass itself, so it holds up no other.)
            logger.exception("Scheduled publishing failed; retrying at the next run")
            return
        finally:
            self.drop_stale_connections()
        if published:
            logger.info("Published %d scheduled revision(s)", published)
            self.stdout.write(
                f"{timezone.localtime():%Y-%m-%d %H:%M:%S} published {published} scheduled revision(s)"
            )

    @staticmethod
    def drop_stale_connections() -> None:
        """A long-running process must not hold a connection the database
        dropped (restart, idle timeout). Inside a transaction (a caller's, or a
        test's) the connection is in use and stays."""
        if not connection.in_atomic_block:
            close_old_connections()
