"""Draft share link hooks: the admin screen's URLs, the "分享草稿" buttons in
the page editor and the page explorer, and the audit log's wording."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import LogActionRegistry, LogFormatter
from wagtail.models import Page

from . import sharing_views
from .sharing import CREATED_ACTION, REVOKED_ACTION, AnyUser, user_can_share


@hooks.register("register_admin_urls")
def register_share_link_urls() -> list[URLPattern]:
    return [
        path(
            "editorial/share/<int:page_id>/",
            sharing_views.share_links_admin,
            name="editorial_share_links",
        ),
        path(
            "editorial/share/<int:page_id>/revoke/<int:link_id>/",
            sharing_views.revoke_share_link_admin,
            name="editorial_share_revoke",
        ),
    ]


def _share_button(page: Page, user: AnyUser, priority: int) -> Iterator[Button]:
    if user_can_share(page, user):
        yield Button(
            _("分享草稿"),
            reverse("editorial_share_links", args=[page.pk]),
            icon_name="link",
            priority=priority,
        )


# The header buttons form the "…" menu of the page editor; 66 puts the entry
# just after Wagtail's "History" (65).
@hooks.register("register_page_header_buttons")
def share_draft_header_button(
    page: Page, user: AnyUser, view_name: str, next_url: str | None = None
) -> Iterator[Button]:
    yield from _share_button(page, user, priority=66)


# The explorer's per-page "More" menu; 55 puts it after "History" (50).
@hooks.register("register_page_listing_more_buttons")
def share_draft_listing_button(
    page: Page, user: AnyUser, next_url: str | None = None
) -> Iterator[Button]:
    yield from _share_button(page, user, priority=55)


def _expiry_text(data: dict) -> str | None:
    try:
        expires_at = dt.datetime.fromisoformat(data["expires_at"])
    except (KeyError, TypeError, ValueError):
        return None
    return f"{timezone.localtime(expires_at):%Y-%m-%d %H:%M}"


class ShareLinkCreatedFormatter(LogFormatter):
    label = _("创建草稿分享链接")

    def format_message(self, log_entry) -> str:
        expires = _expiry_text(log_entry.data)
        if expires is None:
            return str(_("创建了草稿分享链接"))
        return str(_("创建了草稿分享链接，有效期至 %(expires)s")) % {"expires": expires}


class ShareLinkRevokedFormatter(LogFormatter):
    label = _("撤销草稿分享链接")
    message = _("撤销了草稿分享链接")


@hooks.register("register_log_actions")
def register_share_link_log_actions(actions: LogActionRegistry) -> None:
    actions.register_action(CREATED_ACTION)(ShareLinkCreatedFormatter)
    actions.register_action(REVOKED_ACTION)(ShareLinkRevokedFormatter)
