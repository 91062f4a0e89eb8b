"""Receivers of the editorial app.

- A new provincial section page is given to its province's editors at once,
  so nobody has to remember to set permissions when a new week is prepared.
- A revision written while its page is in review moves the review onto it
  (four_eyes.py): whatever route wrote it, the reviewer approves what would
  go live.
"""

from __future__ import annotations

from django.core.signals import request_started
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Revision


@receiver(post_save, sender="campaigns.RegionalSectionPage")
def grant_new_regional_section(
    sender, instance, created: bool, raw: bool = False, **kwargs
) -> None:
    if created and not raw:
        from .roles import grant_regional_section

        grant_regional_section(instance)


@receiver(post_save, sender=Revision)
def review_the_newest_revision(
    sender, instance: Revision, created: bool, raw: bool = False, **kwargs
) -> None:
    if raw:
        return
    from .four_eyes import keep_review_on_newest_revision

    keep_review_on_newest_revision(instance, created)


@receiver(request_started)
def forget_the_previous_requests_edit(sender, **kwargs) -> None:
    from .four_eyes import moved_by_this_edit

    moved_by_this_edit.set(None)
