"""Load (or refresh) the demo content: `manage.py load_demo`.

Each module of demo.loaders.LOADERS has a ``load(report)`` function; they run
in that (dependency) order. Running the command again updates what is there
instead of adding duplicates.
"""

from __future__ import annotations

from importlib import import_module

from django.core.management.base import BaseCommand

from demo.loaders import LOADERS
from demo.report import DemoReport
from lifelong_site.translation import notifications


class Command(BaseCommand):
    help = "Create or refresh the demo content in both languages (idempotent)."

    def handle(self, *args, **options) -> None:
        report = DemoReport()
        modules = LOADERS
        # The demo republishes translated pages on every run; the translators
        # need no email about that.
        notifications.disconnect()
        try:
            for position, module_path in enumerate(modules, start=1):
                self.stdout.write(f"[{position}/{len(modules)}] {module_path}")
                import_module(module_path).load(report)
        finally:
            notifications.connect()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {len(report.created)} created, {len(report.updated)} updated."
            )
        )
        for note in report.notes:
            self.stdout.write(note)
