"""Every page type declares what the platform needs to know about it, and
`manage.py check` refuses one that forgets (lifelong_site.page_declarations)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core import checks
from django.core.management import call_command

from lifelong_site import page_declarations
from lifelong_site.page_declarations import (
    REGION_EDITORS,
    PageDeclarations,
    SectionEditors,
    check_page_declarations,
    declared_page_models,
)
from search.checks import check_search_kinds


def fake_page_type(label: str, declarations=None, fields=()) -> type:
    meta = SimpleNamespace(label=label, abstract=False, get_fields=lambda: list(fields))
    return type(label.split(".")[-1], (), {"_meta": meta, "declarations": declarations})


def test_the_sites_page_types_pass_the_checks():
    call_command("check", fail_level="ERROR")


def test_each_page_type_says_who_edits_it_and_what_it_is_in_search():
    declared = {model.__name__: model.declarations for model in declared_page_models()}
    assert declared["NewsIndexPage"].editors == SectionEditors("宣传编辑（新闻发布）")
    assert declared["NewsIndexPage"].purge_routes == ("feed",)
    assert declared["RegionalSectionPage"].editors is REGION_EDITORS
    assert {name: d.search_kind for name, d in declared.items() if d.search_kind != "page"} == {
        "PressReleasePage": "release",
        "NoticePage": "notice",
        "CampaignWeekPage": "week",
        "CeremonyGalleryPage": "gallery",
        "RegionalSectionPage": "regional",
        "LearningStarPage": "star",
        "BrandProjectPage": "project",
    }


@pytest.mark.parametrize(
    ("declarations", "fields", "error_id"),
    [
        (None, (), "lifelong_site.E001"),
        (PageDeclarations(editors=REGION_EDITORS, search_kind="page"), (), "lifelong_site.E002"),
        (
            PageDeclarations(editors=None, search_kind="page", purge_routes=("feed",)),
            (),
            "lifelong_site.E003",
        ),
    ],
)
def test_a_page_type_that_forgets_or_misdeclares_is_refused(
    monkeypatch, declarations, fields, error_id
):
    undeclared = fake_page_type("news.ForgetfulPage", declarations, fields)
    monkeypatch.setattr(page_declarations, "declared_page_models", lambda: iter([undeclared]))
    errors = check_page_declarations()
    assert [error.id for error in errors] == [error_id]
    assert all(isinstance(error, checks.Error) for error in errors)


def test_an_unknown_search_kind_is_refused(monkeypatch):
    odd = fake_page_type("news.OddPage", PageDeclarations(editors=None, search_kind="podcast"))
    monkeypatch.setattr("search.checks.declared_page_models", lambda: iter([odd]))
    assert [error.id for error in check_search_kinds()] == ["site_search.E001"]
