"""Counts and migration state read with plain SQL from a DB-API cursor, so the
same code reads them from PostgreSQL inside the dump's snapshot, from the
SQLite copy that goes into the archive, and from a restored database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Model
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import StringTranslation, Translation, TranslationSource


@dataclass(frozen=True)
class DumpFacts:
    """What a database dump holds, read in the same snapshot as the dump."""

    counts: dict[str, int]
    migrations: dict[str, str]
    versions: dict[str, str]


class Cursor(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ..., /) -> Any: ...
    def fetchall(self) -> list[tuple[Any, ...]]: ...


def counted_models() -> dict[str, type[Model]]:
    """What the manifest counts and a restore compares, by label."""
    image_model = get_image_model()
    return {
        "pages": Page,
        "revisions": Revision,
        "locales": Locale,
        "images": image_model,
        "renditions": image_model.get_rendition_model(),
        "documents": get_document_model(),
        "users": get_user_model(),
        "groups": Group,
        "translation_sources": TranslationSource,
        "translations": Translation,
        "string_translations": StringTranslation,
    }


def read_counts(cursor: Cursor) -> dict[str, int]:
    counts: dict[str, int] = {}
    for label, model in counted_models().items():
        # Table names come from the models, never from input: safe to inline.
        cursor.execute(f'SELECT COUNT(*) FROM "{model._meta.db_table}"')
        counts[label] = int(cursor.fetchall()[0][0])
    return counts


def read_migrations(cursor: Cursor) -> dict[str, str]:
    """The migration applied last in each app (by time, then by row id)."""
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY applied, id")
    latest: dict[str, str] = {}
    for app, name in cursor.fetchall():
        latest[str(app)] = str(name)
    return dict(sorted(latest.items()))
