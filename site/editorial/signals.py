"""Receivers of the editorial app.

A new provincial section page is given to its province's editors at once, so
nobody has to remember to set permissions when a new week is prepared.
"""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver


@receiver(post_save, sender="campaigns.RegionalSectionPage")
def grant_new_regional_section(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        from .roles import grant_regional_section

        grant_regional_section(instance)
