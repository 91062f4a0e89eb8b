"""One scheduler pass: unpublish what expired, publish what is due.

What Wagtail's ``publish_scheduled`` command does, with one difference: each
object is re-read under a row lock just before it changes, so that two passes
that overlap (two hosts, should the pass lock in scheduler_lock ever fail to
exclude them) cannot both publish the same revision. Wagtail's command reads
its list once and publishes every revision on it, whatever another process
did since.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, Revision

logger = logging.getLogger("lifelong_site.scheduler")


def run_scheduled_publishing(now: dt.datetime | None = None) -> int:
    """Unpublish expired objects, then publish due revisions; return how many
    revisions this pass published."""
    now = timezone.now() if now is None else now
    unpublish_expired(now)
    return publish_due_revisions(now)


def draft_state_models() -> list[type[models.Model]]:
    """Pages, and any other model with a live/draft state (as Wagtail's command)."""
    others = [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]
    return [Page, *others]


def unpublish_expired(now: dt.datetime) -> None:
    for model in draft_state_models():
        manager = model._default_manager
        for pk in manager.filter(live=True, expire_at__lt=now).values_list("pk", flat=True):
            with transaction.atomic():
                # Still live and expired, and not being unpublished by another pass.
                obj = (
                    manager.select_for_update(skip_locked=True)
                    .filter(pk=pk, live=True, expire_at__lt=now)
                    .first()
                )
                if obj is not None:
                    obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")  # type: ignore[attr-defined]


def publish_due_revisions(now: dt.datetime) -> int:
    due = Revision.objects.filter(approved_go_live_at__lte=now).order_by("approved_go_live_at")
    published = 0
    for pk in list(due.values_list("pk", flat=True)):
        try:
            # A savepoint each: on PostgreSQL the whole pass is one transaction
            # (scheduler_lock), and one page refusing to go live must neither
            # undo the others nor keep them from going live.
            with transaction.atomic():
                revision = claim_due_revision(pk, now)
                if revision is None:
                    continue
                revision.publish(log_action="wagtail.publish.scheduled")
        except ValidationError:
            # A page that cannot be saved as it stands (a gallery photo without
            # alt text): its editors must fix it; it is retried every pass.
            logger.exception("Scheduled revision %s could not be published", pk)
            continue
        published += 1
    return published


def claim_due_revision(pk: int, now: dt.datetime) -> Revision | None:
    """The revision, locked until this transaction ends, if it is still due.

    Publishing clears ``approved_go_live_at`` on every revision of the object,
    so a revision another pass has published no longer matches; one that
    another pass is publishing right now is locked by it and skipped
    (``skip_locked``) instead of waited for and published a second time.
    SQLite has no row locks (Django leaves the clause out); there the file
    lock in scheduler_lock and SQLite's single writer keep passes apart.
    """
    return (
        Revision.objects.select_for_update(skip_locked=True)
        .filter(pk=pk, approved_go_live_at__lte=now)
        .first()
    )
