"""Create or refresh the editorial roles and the review workflow.

Safe to run at any time (also after new sections or provinces were added):
nothing is duplicated, and permissions granted by hand are kept.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from lifelong_site.editorial.roles import setup_roles
from lifelong_site.editorial.workflow import ensure_review_workflows


class Command(BaseCommand):
    help = (
        "Create or refresh the editorial groups, their page permissions and the review workflows."
    )

    def handle(self, *args, **options) -> None:
        groups = setup_roles()
        source, english = ensure_review_workflows(groups)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(groups)} groups ready; workflows “{source.name}” and “{english.name}”."
            )
        )
