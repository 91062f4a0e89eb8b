"""The admin's "地区、机构与术语" menu: the core's reference data (regions,
organisations) and what apps add to it (the translation glossary), so that
the core names no app. Apps add their viewsets in AppConfig.ready(); the
group is registered by the core's wagtail_hooks, which load after that."""

from __future__ import annotations

from wagtail.snippets.views.snippets import SnippetViewSet

_reference_data_items: list[type[SnippetViewSet]] = []


def add_reference_data_item(viewset: type[SnippetViewSet]) -> None:
    if viewset not in _reference_data_items:
        _reference_data_items.append(viewset)


def reference_data_items() -> tuple[type[SnippetViewSet], ...]:
    return tuple(_reference_data_items)
