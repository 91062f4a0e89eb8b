"""Who must use two-factor sign-in (settings REQUIRE_2FA_GROUPS and
REQUIRE_2FA_FOR_SUPERUSERS; both empty/False by default, so it is optional
for everybody). Settings are read on every call so tests and a changed
configuration apply without a restart of this module."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User


def is_required_for(user: User) -> bool:
    if getattr(settings, "REQUIRE_2FA_FOR_SUPERUSERS", False) and getattr(
        user, "is_superuser", False
    ):
        return True
    groups = list(getattr(settings, "REQUIRE_2FA_GROUPS", []))
    return bool(groups) and user.groups.filter(name__in=groups).exists()
