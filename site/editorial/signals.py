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

from lifelong_site.page_declarations import RegionEditors, models_declaring

from .four_eyes import keep_review_on_newest_revision, moved_by_this_edit
from .roles import grant_regional_section


def grant_new_regional_section(
    sender, instance, created: bool, raw: bool = False, **kwargs
) -> None:
    if created and not raw:
        grant_regional_section(instance)


def connect_regional_sections() -> None:
    """For every page type that belongs to its region's editors
    (`declarations.editors = REGION_EDITORS`); called once the models are loaded."""
    for model in models_declaring(lambda declared: isinstance(declared.editors, RegionEditors)):
        post_save.connect(
            grant_new_regional_section,
            sender=model,
            dispatch_uid=f"editorial-region:{model._meta.label}",
        )


@receiver(post_save, sender=Revision)
def review_the_newest_revision(
    sender, instance: Revision, created: bool, raw: bool = False, **kwargs
) -> None:
    if not raw:
        keep_review_on_newest_revision(instance, created)


@receiver(request_started)
def forget_the_previous_requests_edit(sender, **kwargs) -> None:
    moved_by_this_edit.set(None)
