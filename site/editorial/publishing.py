"""What approving a review does: WAGTAIL_FINISH_WORKFLOW_ACTION.

Wagtail imports this setting while its own models load, so this module
imports nothing from wagtail.models at the top.
"""

from __future__ import annotations

from typing import Any


def publish_reviewed_revision(workflow_state: Any, user: Any = None) -> None:
    """Publish the revision the last task approved.

    Wagtail's default publishes the page's *latest* revision with the
    approver's own publish permission, which (a) reviewers do not hold here
    (see four_eyes.py) and (b) may not be the version they approved. The
    workflow's approval is the authority, so the permission check is skipped
    deliberately; a go-live time in the future still only schedules it.
    """
    revision = workflow_state.current_task_state.revision
    revision.publish(user=user, skip_permission_checks=True)
