"""Admin hooks of the four-eyes rule (four_eyes.py): what the page editor
tells a reviewer whose edit moved the review onto their own version, and the
audit log's wording for that move."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.log_actions import LogActionRegistry, LogFormatter
from wagtail.models import Page

from .four_eyes import REVIEW_REVISED_ACTION


@hooks.register("after_edit_page")
def explain_an_edit_during_review(request: HttpRequest, page: Page) -> None:
    """A reviewer who changes the text and presses "approve" has written part
    of it: the approval is not recorded, the review moves onto their version
    and waits for another reviewer. Say so, instead of only "saved"."""
    if not request.POST.get("action-workflow-action"):
        return
    state = page.current_workflow_state
    if state is None or state.status != state.STATUS_IN_PROGRESS:
        return  # the action went through (approved or returned)
    task_state = state.current_task_state
    if task_state is not None and task_state.revision.user_id == request.user.pk:
        messages.warning(
            request,
            _(
                "您修改了“%(title)s”，因此不能再批准它：修改已保存，稿件按您的版本等待其他审核员审核。"
            )
            % {"title": page.get_admin_display_title()},
        )


class ReviewRevisedFormatter(LogFormatter):
    label = gettext_lazy("审核中稿件有新版本")
    message = gettext_lazy("稿件在审核中被修改，审核转到新版本")


@hooks.register("register_log_actions")
def register_review_log_actions(actions: LogActionRegistry) -> None:
    actions.register_action(REVIEW_REVISED_ACTION)(ReviewRevisedFormatter)
