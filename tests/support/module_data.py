"""Data built once for a test module, as Django's ``TestCase.setUpTestData``
does for a class: the module runs inside one transaction; each test runs in
a savepoint inside it (pytest-django's ``db``), so it sees the data as built
and whatever it changes is undone; the module's end rolls everything back.

Tests get fresh Python objects (``refetched``): a test that unpublishes a
page changes its own copy, never the next test's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any, TypeVar

from django.db import models, transaction

T = TypeVar("T")


def module_transaction(django_db_blocker: Any) -> Iterator[None]:
    """The body of a module-scoped fixture: opens the module's transaction,
    yields, and rolls it back."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def refetched(value: T) -> T:
    """``value`` with every model instance in it read again from the database
    (in dataclasses, dicts, lists and tuples); other values as they are."""
    if isinstance(value, models.Model):
        return type(value)._default_manager.get(pk=value.pk)  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(
            value,
            **{
                field.name: refetched(getattr(value, field.name))
                for field in dataclasses.fields(value)
            },
        )
    if isinstance(value, dict):
        return {key: refetched(item) for key, item in value.items()}  # type: ignore[return-value]
    if isinstance(value, list | tuple):
        return type(value)(refetched(item) for item in value)  # type: ignore[return-value]
    return value
