"""Sending an English translation to the English review workflow.

wagtail-localize's translation editor offers "Publish" to those who may
publish and nothing to those who may not, so a translator's work would stay in
string tables with no way to the public site. `submit_for_review` writes the
translated strings into a new draft revision of the English page and starts
(or resumes) the page's workflow — "英文译文审核", attached to the English home
page — exactly as Wagtail's own "Submit for review" would.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation


class Outcome(enum.StrEnum):
    STARTED = "started"  # a new review began
    RESUMED = "resumed"  # the reviewer had asked for changes; review goes on
    UPDATED = "updated"  # already under review; the reviewer sees the new draft
    NO_WORKFLOW = "no_workflow"  # saved as a draft; no workflow covers this page


@dataclass(frozen=True)
class Submission:
    page: Page
    outcome: Outcome


def target_page(translation: Translation) -> Page:
    instance = translation.get_target_instance()
    if not isinstance(instance, Page):
        raise PermissionDenied("Only page translations go through the review workflow.")
    return instance.specific


def submit_for_review(translation: Translation, user: AbstractBaseUser) -> Submission:
    page = target_page(translation)
    if not page.permissions_for_user(user).can_edit():
        raise PermissionDenied
    # Raises ValidationError when the translated strings make an invalid page.
    translation.save_target(user=user, publish=False)
    page = Page.objects.get(pk=page.pk).specific
    state: WorkflowState | None = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
        return Submission(page, Outcome.RESUMED)
    if state is not None:
        return Submission(page, Outcome.UPDATED)
    workflow = page.get_workflow()
    if workflow is None or not workflow.active:
        return Submission(page, Outcome.NO_WORKFLOW)
    workflow.start(page, user)
    return Submission(page, Outcome.STARTED)
