"""Telling the translators when a Chinese page they translated is republished.

Republishing the source leaves the English page as it was, so the English
site silently falls behind (the status report then lists the page as
outdated). This email is the push version of that report: it goes to the
translators' group and to whoever last translated the page's strings, with a
link to wagtail-localize's "sync translated pages" view.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, User
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.admin.utils import get_user_display_name
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, Revision
from wagtail.signals import page_published
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from lifelong_site.dates import local_date
from lifelong_site.editorial.calendar import in_editorial_zone
from lifelong_site.editorial.roles import TRANSLATORS
from lifelong_site.i18n import TranslationState, is_source_language

from .status import STATUS_URL_NAME
from .sync_state import is_outdated

logger = logging.getLogger(__name__)

DISPATCH_UID = "lifelong_site.translation.notify_translators"


# --- Who and when --------------------------------------------------------------


def translation_source_of(page: Page) -> TranslationSource | None:
    return TranslationSource.objects.filter(
        object_id=page.translation_key, locale_id=page.locale_id
    ).first()


def has_translation(page: Page) -> bool:
    """True when another locale holds a real translation (an alias is a copy
    nobody translated, and it follows the source by itself)."""
    return (
        Page.objects.filter(translation_key=page.translation_key, alias_of__isnull=True)
        .exclude(locale_id=page.locale_id)
        .exists()
    )


def recipients(source: TranslationSource) -> QuerySet[User]:
    """Active users with an email who are translators or last translated one
    of the source's strings; each user once, whatever the number of strings."""
    user_model = get_user_model()
    in_translators_group = user_model.groups.through.objects.filter(
        user_id=OuterRef("pk"), group__name=TRANSLATORS
    )
    # A StringTranslation belongs to the source when one of the source's
    # segments uses the same string in the same context.
    source_segments = StringSegment.objects.filter(
        source=source,
        string_id=OuterRef("translation_of_id"),
        context_id=OuterRef("context_id"),
    )
    translated_strings = StringTranslation.objects.filter(
        Exists(source_segments), last_translated_by_id=OuterRef("pk")
    )
    return (
        user_model.objects.filter(is_active=True)
        .filter(Q(Exists(in_translators_group)) | Q(Exists(translated_strings)))
        .exclude(email="")
        .order_by("pk")
    )


def recipient_addresses(users: QuerySet[User]) -> list[str]:
    """One address per mailbox: two accounts may share one (case aside)."""
    addresses: dict[str, str] = {}
    for email in users.values_list("email", flat=True):
        addresses.setdefault(email.strip().lower(), email.strip())
    return list(addresses.values())


def publisher_name(user: AbstractBaseUser | None) -> str:
    return get_user_display_name(user) if user is not None else gettext("系统（定时发布或程序）")


def china_time_label(moment: dt.datetime | None) -> str:
    # Beijing time whatever zone the publishing admin user picked.
    if moment is None:
        return ""
    local = in_editorial_zone(moment)
    return f"{local_date(local.date())} {local:%H:%M}"


def absolute_admin_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


# --- The message -----------------------------------------------------------------


@dataclass(frozen=True)
class Republication:
    """What the email reports, taken when the signal fires."""

    page_id: int
    title: str
    source_id: int
    publisher: str
    published_at: dt.datetime | None

    @property
    def update_url(self) -> str:
        return absolute_admin_url(
            reverse("wagtail_localize:update_translations", args=[self.source_id])
        )

    @property
    def report_url(self) -> str:
        return absolute_admin_url(
            f"{reverse(STATUS_URL_NAME)}?state={TranslationState.OUTDATED.value}"
        )


def subject(event: Republication) -> str:
    return gettext("中文原文已更新：%(title)s") % {"title": event.title}


def body(event: Republication) -> str:
    lines = [
        gettext("以下中文页面重新发布了，英文译文可能需要同步更新。"),
        "",
        gettext("页面：%(title)s") % {"title": event.title},
        gettext("发布人：%(name)s") % {"name": event.publisher},
        gettext("发布时间：%(time)s（北京时间）") % {"time": china_time_label(event.published_at)},
        "",
        gettext("同步译文：%(url)s") % {"url": event.update_url},
        gettext("翻译状态报表：%(url)s") % {"url": event.report_url},
    ]
    return "\n".join(lines) + "\n"


def send_notification(event: Republication) -> None:
    """Email each recipient separately (translators need not see each other's
    addresses). Never raises: the page is already published, and a mail
    server being down must not turn that into an error page."""
    try:
        source = TranslationSource.objects.get(pk=event.source_id)
        addresses = recipient_addresses(recipients(source))
        if not addresses:
            return
        # The site's language, not whatever the publishing user's admin used.
        with translation.override(settings.LANGUAGE_CODE):
            messages = [
                EmailMessage(
                    subject=subject(event),
                    body=body(event),
                    from_email=getattr(settings, "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", None),
                    to=[address],
                )
                for address in addresses
            ]
        get_connection().send_messages(messages)
    except Exception:
        logger.exception(
            "Could not email the translators about page %s being republished", event.page_id
        )


# --- The receiver ------------------------------------------------------------------


def republication(page: Page) -> Republication | None:
    """The event to report, or None when this publication is not a republished,
    translated Chinese source."""
    if page.alias_of_id is not None or not is_source_language(page):
        return None
    source = translation_source_of(page)
    # No TranslationSource: the page has never been submitted for translation
    # (its first publication included), so nobody has anything to update.
    if source is None or not has_translation(page):
        return None
    # A scheduled publication fires the signal before the page goes live, and
    # a sync made after the publication already carries the new text.
    if not is_outdated(page.last_published_at, source.last_updated_at):
        return None
    # Wagtail's admin views record the acting user in the log context; the
    # signal itself does not say who published.
    return Republication(
        page_id=page.pk,
        title=page.title,
        source_id=source.pk,
        publisher=publisher_name(get_active_log_context().user),
        published_at=page.last_published_at,
    )


def notify_translators(
    sender: type[Page], instance: Page, revision: Revision | None = None, **kwargs: Any
) -> None:
    """page_published receiver: email once the publication is committed.

    On commit, so that a publication rolled back sends nothing and the mail
    server is not contacted while the page's rows are locked.
    """
    try:
        event = republication(instance)
    except Exception:
        logger.exception("Could not check page %s for a translation notification", instance.pk)
        return
    if event is not None:
        transaction.on_commit(lambda: send_notification(event))


def connect() -> None:
    """Connect the receiver (idempotent: the dispatch_uid keeps it single)."""
    page_published.connect(notify_translators, dispatch_uid=DISPATCH_UID)


def disconnect() -> None:
    page_published.disconnect(dispatch_uid=DISPATCH_UID)
