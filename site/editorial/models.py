"""The review task that refuses self-approval, and draft share links."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask, Page

SHARE_LINK_DEFAULT_DAYS = 3
SHARE_LINK_MAX_DAYS = 14


class ReviewTask(GroupApprovalTask):
    """A group approval under the four-eyes rule of a publicity department
    (see four_eyes.py): whoever submitted the page or wrote any of it since
    it was last published gets no review actions, and approval publishes
    exactly the version under review. A reviewer who edits a page in review
    becomes one of its authors; another reviewer decides."""

    def get_actions(self, obj, user):
        from .four_eyes import contributors, review_blockers

        actions = super().get_actions(obj, user)
        if not actions or user is None or not user.pk:
            return actions
        if user.pk in contributors(obj):
            return []
        task_state = obj.current_workflow_task_state
        if task_state is not None and review_blockers(obj, task_state):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        # The buttons follow get_actions, but every route (a crafted POST,
        # the page editor's "edit and approve") ends here.
        if action_name == "approve" and not self.approval_allowed(task_state, user):
            return None
        return super().on_action(task_state, user, action_name, **kwargs)

    @staticmethod
    def approval_allowed(task_state, user) -> bool:
        """Raise PermissionDenied with the reason an approval is refused;
        False when the approver has just edited the page in the editor (the
        edit moved the review onto their version, which someone else must
        approve: four_eyes.keep_review_on_newest_revision)."""
        from .four_eyes import contributors, latest_revision_id, moved_by_this_edit, review_blockers

        state = task_state.workflow_state
        page = state.content_object
        stale = (
            task_state.status != task_state.STATUS_IN_PROGRESS
            or state.status != state.STATUS_IN_PROGRESS
            or state.current_task_state_id != task_state.pk
            or task_state.revision_id != latest_revision_id(page)
        )
        if stale:
            raise PermissionDenied(
                _("稿件在送审后有了新版本，或本次审核已结束。请刷新页面，审核最新版本。")
            )
        user_id = getattr(user, "pk", None)
        if user_id in contributors(page, state):
            if (
                task_state.revision.user_id == user_id
                and task_state.revision_id == moved_by_this_edit.get()
            ):
                return False
            raise PermissionDenied(_("不能审核自己撰写、修改或提交的内容，请由其他审核员审核。"))
        reasons = review_blockers(page, task_state)
        if reasons:
            raise PermissionDenied(" ".join(reasons))
        return True

    @classmethod
    def get_description(cls) -> str:
        return str(
            _("审核组成员批准或退回；提交人和修改过稿件的人不能批准，批准发布的正是审核的版本。")
        )

    class Meta:
        verbose_name = _("审核（禁止自审）")
        verbose_name_plural = _("审核（禁止自审）")


def new_token() -> str:
    return secrets.token_urlsafe(24)


def default_expiry() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=SHARE_LINK_DEFAULT_DAYS)


class DraftShareLink(models.Model):
    """A secret, time-limited address at which a person without an admin
    account reads a page's latest draft. Expired or revoked links answer
    410 Gone; the token is the only key, so it is long and random."""

    page = models.ForeignKey(
        Page, verbose_name=_("页面"), on_delete=models.CASCADE, related_name="share_links"
    )
    token = models.CharField(
        _("令牌"), max_length=64, unique=True, default=new_token, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    expires_at = models.DateTimeField(_("失效时间"), default=default_expiry)
    revoked = models.BooleanField(_("已撤销"), default=False)
    view_count = models.PositiveIntegerField(_("查看次数"), default=0)

    class Meta:
        verbose_name = _("草稿分享链接")
        verbose_name_plural = _("草稿分享链接")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.page.title} ({self.expires_at:%Y-%m-%d %H:%M})"

    @property
    def is_active(self) -> bool:
        return not self.revoked and self.expires_at > timezone.now()
