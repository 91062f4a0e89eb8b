"""Sending an English translation to the English review workflow.

wagtail-localize's translation editor offers "Publish" to those who may
publish and nothing to those who may not, so a translator's work would stay in
string tables with no way to the public site. `submit_for_review` writes the
translated strings into a new draft revision of the English page and starts
(or resumes) the page's workflow — "英文译文审核", attached to the English home
page — exactly as Wagtail's own "Submit for review" would.

Four-eyes (editorial/four_eyes.py) on this route:
- submitting again while the translation is in review *restarts* the review
  on the new version (reviewers are notified again; approval links to the
  old version stop working);
- the translation editor keeps saving strings after a submission, and the
  English reviewer reads those strings, not the submitted revision: while
  strings changed after the submitted version, approval is held with a
  reason (`strings_changed_since_submission`) until the translator submits
  again.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.utils.translation import ngettext
from wagtail.models import Page, TaskState, WorkflowState
from wagtail_localize.models import SegmentOverride, StringTranslation, Translation

from lifelong_site.editorial.four_eyes import register_review_blocker


class Outcome(enum.StrEnum):
    STARTED = "started"  # a new review began
    RESUMED = "resumed"  # the reviewer had asked for changes; review goes on
    RESTARTED = "restarted"  # was under review; review starts again on the new version
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
        state.cancel(user=user)
        page.get_workflow().start(page, user)
        return Submission(page, Outcome.RESTARTED)
    workflow = page.get_workflow()
    if workflow is None or not workflow.active:
        return Submission(page, Outcome.NO_WORKFLOW)
    workflow.start(page, user)
    return Submission(page, Outcome.STARTED)


def strings_changed_since_submission(page: Page, task_state: TaskState) -> int:
    """How many translated strings or overrides of this page were saved in
    the translation editor after the version under review was written."""
    since = task_state.revision.created_at
    common = {
        "locale_id": page.locale_id,
        "context__object_id": page.translation_key,
        "updated_at__gt": since,
    }
    return (
        StringTranslation.objects.filter(**common).count()
        + SegmentOverride.objects.filter(**common).count()
    )


@register_review_blocker
def unsubmitted_translation_edits(page: Page, task_state: TaskState) -> str | None:
    if (
        page.alias_of_id
        or not Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id
        ).exists()
    ):
        return None  # not a page made in the translation editor
    changed = strings_changed_since_submission(page, task_state)
    if not changed:
        return None
    return ngettext(
        "送审后译文编辑器中又修改了 %(count)d 处译文，这些修改不在送审稿中；请译员点击“更新送审稿”后再批准。",
        "送审后译文编辑器中又修改了 %(count)d 处译文，这些修改不在送审稿中；请译员点击“更新送审稿”后再批准。",
        changed,
    ) % {"count": changed}
