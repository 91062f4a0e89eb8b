"""Four-eyes review by construction: nobody publishes alone.

Three rules, each enforced where every route passes, not in the buttons:

1. **Direct publishing is for site administrators only where a review
   workflow applies.** `ReviewedPagePermissionTester` (returned by every page
   type's `permissions_for_user`) answers "no" to `can_publish` and
   `can_publish_subpage` for anyone else, whatever page permissions a group
   was given by hand. Wagtail's page editor, bulk actions, the copy and alias
   forms, wagtail-localize's translation editor and the programmatic publish
   action (`PublishPageRevisionAction`) all ask this tester.
2. **The approver sees the version that goes live.** Every new revision of a
   page in review moves the review onto it (`move_review_to_revision`, from a
   `post_save` receiver on revisions: any route that writes a revision passes
   there); approval links for the older version stop working, and approval
   publishes exactly the reviewed revision (`publishing.publish_reviewed_revision`,
   the WAGTAIL_FINISH_WORKFLOW_ACTION), not "the latest one" as Wagtail does.
3. **Nobody approves what they wrote.** The submitter and the author of any
   revision since the page was last published get no review actions and a
   crafted approval is refused (`ReviewTask` in models.py). Other parts of
   the site can add reasons to hold an approval (`register_review_blocker`),
   e.g. translated strings changed after the translation was submitted.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, PagePermissionTester, Revision, TaskState, WorkflowState

REVIEW_REVISED_ACTION = "editorial.review_revised"

# Cached on the user object for the length of a request (Wagtail does the same
# for its group-approval checks), so a page listing asks the database once.
_ADMIN_FLAG = "_lifelong_is_site_administrator"

# The revision whose save last moved a review, in this thread of work. The
# page editor's "edit and approve" saves the reviewer's version and then asks
# the task to approve in the same call; the task reads this to tell that case
# (the reviewer just became an author: resubmit, say so) from an author's
# approval arriving any other way (refuse). A stale value can only turn a
# refusal into a silent non-approval, never into an approval.
moved_by_this_edit: ContextVar[int | None] = ContextVar("moved_by_this_edit", default=None)

# A reason to hold an approval: (page, task state) -> a sentence, or None.
ReviewBlocker = Callable[[Page, TaskState], "str | None"]
_review_blockers: list[ReviewBlocker] = []


def register_review_blocker(blocker: ReviewBlocker) -> ReviewBlocker:
    """Register a check that can hold an approval with a reason the reviewer
    reads (used as a decorator by other apps)."""
    _review_blockers.append(blocker)
    return blocker


def review_blockers(page: Page, task_state: TaskState) -> list[str]:
    return [reason for blocker in _review_blockers if (reason := blocker(page, task_state))]


def is_site_administrator(user: Any) -> bool:
    """Superusers and members of the site administrators' group."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, _ADMIN_FLAG, None)
    if cached is None:
        from .roles import SITE_ADMINISTRATORS

        cached = user.groups.filter(name=SITE_ADMINISTRATORS).exists()
        setattr(user, _ADMIN_FLAG, cached)
    return cached


def review_applies(page: Page) -> bool:
    workflow = page.get_workflow()
    return workflow is not None and workflow.active


class ReviewedPagePermissionTester(PagePermissionTester):
    """Wagtail's tester, with publishing held back where a review applies."""

    def _may_skip_review(self) -> bool:
        return is_site_administrator(self.user) or not review_applies(self.page)

    def can_publish(self) -> bool:
        return super().can_publish() and self._may_skip_review()

    def can_publish_subpage(self) -> bool:
        # A page created here is covered by the same workflow as its parent.
        return super().can_publish_subpage() and self._may_skip_review()


# --- Who wrote what -----------------------------------------------------------


def page_revisions(page: Page):
    return Revision.page_revisions.filter(object_id=str(page.pk))


# What a revision records about the page's state rather than its content:
# saving the same text again (the page editor's "approve" posts the whole
# form, and Wagtail saves it whenever the form reports a change, which a
# date field's formatting is enough for) changes these and nothing else.
BOOKKEEPING_FIELDS = frozenset(
    {
        "live",
        "has_unpublished_changes",
        "draft_title",
        "latest_revision",
        "latest_revision_created_at",
        "live_revision",
        "first_published_at",
        "last_published_at",
        "expired",
        "locked",
        "locked_at",
        "locked_by",
        "comments",
        "wagtail_admin_comments",
    }
)


def content_fingerprint(content: dict[str, Any]) -> str:
    """The revision's content as it would read after a save to the
    database, without bookkeeping: equal fingerprints, same version."""
    stored = json.loads(json.dumps(content, cls=DjangoJSONEncoder))
    return json.dumps(
        {key: value for key, value in stored.items() if key not in BOOKKEEPING_FIELDS},
        sort_keys=True,
    )


def contributors(page: Page, workflow_state: WorkflowState | None = None) -> set[int]:
    """Users who wrote any part of what would go live: the authors of every
    revision since the page was last published (all of them for a page never
    published) that changed its content, and whoever submitted it."""
    live_revision_id = (
        Page.objects.filter(pk=page.pk).values_list("live_revision_id", flat=True).first()
    )
    revisions = page_revisions(page).order_by("created_at", "pk")
    if live_revision_id:
        revisions = revisions.filter(pk__gte=live_revision_id)
    authors: set[int] = set()
    previous: str | None = None
    for revision_id, user_id, content in revisions.values_list("pk", "user_id", "content"):
        fingerprint = content_fingerprint(content)
        if revision_id != live_revision_id and fingerprint != previous and user_id is not None:
            authors.add(user_id)
        previous = fingerprint
    state = workflow_state if workflow_state is not None else page.current_workflow_state
    if state is not None and state.requested_by_id is not None:
        authors.add(state.requested_by_id)
    return authors


def latest_revision_id(page: Page) -> int | None:
    return page_revisions(page).order_by("-created_at", "-pk").values_list("pk", flat=True).first()


# --- Keeping the review on the newest version -----------------------------------


def in_progress_review(revision: Revision) -> WorkflowState | None:
    return (
        WorkflowState.objects.filter(
            base_content_type_id=revision.base_content_type_id,
            object_id=revision.object_id,
            status=WorkflowState.STATUS_IN_PROGRESS,
        )
        .select_related("current_task_state__task")
        .first()
    )


@transaction.atomic
def move_review_to_revision(
    state: WorkflowState, revision: Revision, *, log_change: bool = True
) -> TaskState:
    """Put the task in progress onto `revision`: the old task state is
    cancelled (so approval links to the old version fail) and a new one,
    for the same task, reviews the new version. Reviewers are not emailed
    again; the page's history records the change."""
    old = state.current_task_state
    task = old.task.specific
    TaskState.objects.filter(pk=old.pk, status=TaskState.STATUS_IN_PROGRESS).update(
        status=TaskState.STATUS_CANCELLED, finished_at=timezone.now(), finished_by=revision.user
    )
    new = task.get_task_state_class()(
        workflow_state=state, task=task, revision=revision, status=TaskState.STATUS_IN_PROGRESS
    )
    new.save()
    state.current_task_state = new
    WorkflowState.objects.filter(pk=state.pk).update(current_task_state=new)
    if log_change:
        page = revision.content_object
        log(
            instance=page.specific if isinstance(page, Page) else page,
            action=REVIEW_REVISED_ACTION,
            user=revision.user,
            revision=revision,
            data={
                "workflow": {"id": state.workflow_id, "title": state.workflow.name},
                "revision_id": revision.pk,
            },
        )
    return new


def keep_review_on_newest_revision(revision: Revision, created: bool) -> None:
    state = in_progress_review(revision)
    if state is None or state.current_task_state is None:
        return
    current = state.current_task_state
    if current.revision_id == revision.pk:
        # The reviewed version rewritten in place (autosave overwrites its
        # author's own last revision): what the reviewer looked at is gone.
        move_review_to_revision(state, revision, log_change=False)
    elif not created:
        return  # an older revision rewritten: not what is under review
    elif content_fingerprint(current.revision.content) == content_fingerprint(revision.content):
        # The same version saved again (the page editor's "approve" posts
        # the whole form): the review goes on, on the new revision number,
        # and links to it keep working.
        TaskState.objects.filter(pk=current.pk).update(revision=revision)
        return
    else:
        move_review_to_revision(state, revision)
    moved_by_this_edit.set(revision.pk)
