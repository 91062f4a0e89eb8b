"""Helpers the demo loaders share: blocks for StreamField data (stored with
stable ids by lifelong_site.blocks.stream_data), find-or-add a child page,
publish, translate through wagtail-localize and report. They build pages the
way an editor would, so a second run updates in place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeVar

from django.utils import timezone
from wagtail.models import Locale, Page, TranslatableMixin

from demo.report import DemoReport
from demo.site import ensure_locales, get_home
from lifelong_site.blocks.stream_data import Block
from lifelong_site.models import HomePage, Organisation, Region
from lifelong_site.translation.tools import translate_instance

PageT = TypeVar("PageT", bound=Page)


class Strings(dict[str, str]):
    """The {Chinese: English} mapping that translate_instance wants, filled
    while the Chinese content is written: ``s("中文", "English")`` records the
    pair and returns the Chinese text, so each sentence is typed only once."""

    def __call__(self, chinese: str, english: str) -> str:
        # Rich text is written as "<p>text</p>" and segmented on its inner
        # text; markup characters would make the segment differ from the key.
        if any(character in chinese for character in "<>&"):
            raise ValueError(f"demo text must be plain text: {chinese!r}")
        if english:  # "" marks text the demo leaves untranslated
            self[chinese] = english
        return chinese


def heading(text: str, level: str = "h2") -> Block:
    return ("heading", {"text": text, "level": level})


def paragraph(text: str) -> Block:
    return ("paragraph", f"<p>{text}</p>")


def quote(text: str, attribution: str = "") -> Block:
    return ("quote", {"text": text, "attribution": attribution})


def numbered_list(items: Sequence[str]) -> Block:
    return ("numbered_list", {"items": [f"<p>{item}</p>" for item in items]})


def source_home() -> tuple[HomePage, Locale, Locale]:
    zh, en = ensure_locales()
    home = get_home(zh)
    if home is None:
        raise RuntimeError(
            "The Chinese home page is missing: list demo.site first in demo.loaders.LOADERS."
        )
    return home, zh, en


def find_or_add_child(
    parent: Page, model: type[PageT], slug: str, fields: dict[str, Any]
) -> tuple[PageT, bool]:
    """The child of ``parent`` with this slug, created if missing, with
    ``fields`` applied. The caller sets child relations, then publishes."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, locale_id=parent.locale_id, **fields)
        parent.add_child(instance=page)
        return page, True
    for name, value in fields.items():
        setattr(page, name, value)
    return page, False


def publish(page: Page) -> None:
    page.save_revision().publish()


def translate(
    page: PageT, locale: Locale, strings: dict[str, str], report: DemoReport, label: str
) -> PageT:
    """Create or refresh the translation of a published page and report it."""
    # A fresh copy: the in-memory page may hold child rows without their new
    # primary keys, and wagtail-localize compares the source by its JSON.
    fresh = type(page).objects.get(pk=page.pk)
    existed = fresh.has_translation(locale)
    # translate_instance returns the translation, of the same type as the source.
    target = translate_instance(fresh, locale, strings)
    report.record(label, not existed)
    return target


def aware(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


def sync_children(page: Page, relation: str, rows: Sequence[dict[str, Any]]) -> None:
    """Set a page's inline rows, updating the existing rows in place.

    Keeping the same rows keeps their translation keys, and wagtail-localize
    pairs a Chinese row with its English copy by that key; replacing them
    would orphan the English strings on every run."""
    manager = getattr(page, relation)
    existing = list(manager.all().order_by("sort_order")) if page.pk else []
    children = []
    for position, values in enumerate(rows):
        child = existing[position] if position < len(existing) else manager.model()
        for name, value in values.items():
            setattr(child, name, value)
        child.sort_order = position
        if isinstance(child, TranslatableMixin):
            child.locale_id = page.locale_id
        children.append(child)
    setattr(page, relation, children)


def region(slug: str | None) -> Region | None:
    return Region.objects.get(slug=slug) if slug else None


def organisation(slug: str | None) -> Organisation | None:
    return Organisation.objects.get(slug=slug) if slug else None
