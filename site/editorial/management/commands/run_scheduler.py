"""Long-running scheduler: publishes pages whose go-live time has come and
unpublishes expired ones, once a minute, aligned to the start of the minute.

`make run` starts it beside the development server. In production run it as a
service (see deploy/) or call `manage.py publish_scheduled` from a systemd timer
or cron line every minute; a page scheduled while the scheduler was down goes
live at the next run, because publish_scheduled picks up every revision whose
time has passed.
"""

from __future__ import annotations

import logging
import time

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone
from wagtail.models import Revision

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
            due = Revision.objects.filter(approved_go_live_at__lte=timezone.now()).count()
            call_command("publish_scheduled")
        except (DatabaseError, ValidationError):
            # A database outage, or a page refusing to go live (a gallery photo
            # without alt text), must not kill the scheduler; the next pass retries.
            logger.exception("Scheduled publishing failed; retrying at the next run")
            return
        finally:
            self.drop_stale_connections()
        if due:
            logger.info("Published %d scheduled revision(s)", due)
            self.stdout.write(
                f"{timezone.localtime():%Y-%m-%d %H:%M:%S} published {due} scheduled revision(s)"
            )

    @staticmethod
    def drop_stale_connections() -> None:
        """A long-running process must not hold a connection the database
        dropped (restart, idle timeout). Inside a transaction (a caller's, or a
        test's) the connection is in use and stays."""
        if not connection.in_atomic_block:
            close_old_connections()
