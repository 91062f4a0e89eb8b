"""Draft share links: creating, revoking and finding them, counting views.

The public preview, the admin screen and the hooks only call these functions,
so the rules live in one place: durations are bounded, every change goes into
the page's audit log, and a token is checked for shape before it reaches the
database.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page

from .models import SHARE_LINK_MAX_DAYS, DraftShareLink

SHARE_LINK_MIN_DAYS = 1

CREATED_ACTION = "editorial.share_link_created"
REVOKED_ACTION = "editorial.share_link_revoked"

# Tokens come from secrets.token_urlsafe (URL-safe base64) and fit the 64
# characters of the column. Anything else cannot be a token; refusing it before
# the query also keeps NUL characters, which PostgreSQL rejects with an error,
# away from the database.
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,64}")

AnyUser = AbstractBaseUser | AnonymousUser


class ShareLinkState(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


def link_state(link: DraftShareLink) -> ShareLinkState:
    if link.revoked:
        return ShareLinkState.REVOKED
    if link.expires_at <= timezone.now():
        return ShareLinkState.EXPIRED
    return ShareLinkState.ACTIVE


def user_can_share(page: Page, user: AnyUser) -> bool:
    """Sharing shows the draft to someone outside the admin, so it takes the
    same right as changing the draft. The root has no template to render."""
    if page.is_root() or not page.is_previewable():
        return False
    return page.permissions_for_user(user).can_edit()


def is_valid_duration(days: int) -> bool:
    return SHARE_LINK_MIN_DAYS <= days <= SHARE_LINK_MAX_DAYS


def links_for_page(page: Page) -> QuerySet[DraftShareLink]:
    return (
        DraftShareLink.objects.filter(page=page)
        .select_related("created_by")
        .order_by("-created_at")
    )


def create_share_link(page: Page, user: User, days: int) -> DraftShareLink:
    if not is_valid_duration(days):
        raise ValueError(
            f"share links last {SHARE_LINK_MIN_DAYS} to {SHARE_LINK_MAX_DAYS} days, not {days}"
        )
    with transaction.atomic():
        link = DraftShareLink.objects.create(
            page=page, created_by=user, expires_at=timezone.now() + dt.timedelta(days=days)
        )
        # The token stays out of the log: page history is visible to more
        # people than the share screen, and the token is the only key.
        log(
            instance=page.specific_deferred,
            action=CREATED_ACTION,
            user=user,
            data={"link_id": link.pk, "days": days, "expires_at": link.expires_at.isoformat()},
        )
    return link


def revoke_share_link(link: DraftShareLink, user: User) -> bool:
    """Revoke the link; False when it was already revoked (nothing logged)."""
    with transaction.atomic():
        # The filter on `revoked` makes two simultaneous revocations log once.
        changed = DraftShareLink.objects.filter(pk=link.pk, revoked=False).update(revoked=True)
        if changed:
            log(
                instance=link.page.specific_deferred,
                action=REVOKED_ACTION,
                user=user,
                data={"link_id": link.pk, "expires_at": link.expires_at.isoformat()},
            )
    link.revoked = True
    return bool(changed)


def find_share_link(token: str) -> DraftShareLink | None:
    if not _TOKEN_SHAPE.fullmatch(token):
        return None
    return DraftShareLink.objects.select_related("page", "page__locale").filter(token=token).first()


def record_view(link: DraftShareLink) -> None:
    # Counted in the database, so simultaneous readers do not overwrite each other.
    DraftShareLink.objects.filter(pk=link.pk).update(view_count=F("view_count") + 1)
