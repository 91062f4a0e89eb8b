"""What platform apps add to every page type, without the core importing them.

The base page (models/base.py) asks here for its permission tester and its
admin title; the editorial app registers the four-eyes tester and the
security app the draft-title rule, each in its AppConfig.ready(). With
neither app installed, pages behave as Wagtail's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wagtail.models import PagePermissionTester

_permission_tester: type[PagePermissionTester] = PagePermissionTester
# Each takes a page and returns the title the admin should show, or None.
_admin_title_rules: list[Callable[[Any], str | None]] = []


def set_permission_tester(tester: type[PagePermissionTester]) -> None:
    global _permission_tester
    _permission_tester = tester


def permission_tester() -> type[PagePermissionTester]:
    return _permission_tester


def add_admin_title_rule(rule: Callable[[Any], str | None]) -> None:
    if rule not in _admin_title_rules:
        _admin_title_rules.append(rule)


def admin_title(page: Any) -> str | None:
    for rule in _admin_title_rules:
        title = rule(page)
        if title is not None:
            return title
    return None
