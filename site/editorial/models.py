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
    """A group approval in which the person who submitted the page may not
    approve it: the four-eyes rule of a publicity department. A reviewer who
    submitted a page gets no review buttons on it (they may still cancel the
    workflow, as any submitter may); another reviewer decides."""

    @staticmethod
    def submitted_by(obj) -> object | None:
        workflow_state = obj.current_workflow_state if hasattr(obj, "current_workflow_state") else None
        return workflow_state.requested_by if workflow_state else None

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if user is not None and user.pk and self.submitted_by(obj) == user:
            return []
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        # The buttons are hidden, but a crafted POST must fail too.
        if action_name == "approve" and task_state.workflow_state.requested_by_id == getattr(user, "pk", None):
            raise PermissionDenied(_("不能审核自己提交的内容。"))
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls) -> str:
        return str(_("审核组成员批准或退回；提交人不能批准自己提交的内容。"))

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

    page = models.ForeignKey(Page, verbose_name=_("页面"), on_delete=models.CASCADE, related_name="share_links")
    token = models.CharField(_("令牌"), max_length=64, unique=True, default=new_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True, on_delete=models.SET_NULL, related_name="+"
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
