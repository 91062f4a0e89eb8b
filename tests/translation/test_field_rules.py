"""Which fields are translated and which are synchronised from the Chinese
source, for every page type and translatable snippet."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PanelGroup
from wagtail.models import Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    Translation,
    TranslationSource,
)

from lifelong_site.translation.tools import translate_instance
from tests.factories.news import NoticeIndexPageFactory, NoticePageFactory, region

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"lifelong_site", "news", "campaigns", "search", "editorial"}
# Fields wagtail-localize handles itself (tree position, locale, keys) or that
# only exist in the admin's promote/settings tabs with their own sync rules.
TREE_FIELDS = {"go_live_at", "expire_at", "show_in_menus", "locale", "translation_key"}


def project_translatable_models() -> list[type]:
    return [
        model
        for model in apps.get_models()
        if issubclass(model, TranslatableMixin) and model._meta.app_label in PROJECT_APPS
    ]


def panel_field_names(panel) -> set[str]:
    names: set[str] = set()
    if isinstance(panel, InlinePanel):
        names.add(panel.relation_name)
    elif isinstance(panel, FieldPanel):
        names.add(panel.field_name)
    if isinstance(panel, PanelGroup | MultiFieldPanel):
        for child in panel.children:
            names |= panel_field_names(child)
    return names


# A panel's name → the field the rule is declared on (tags are synced through
# their through-model relation, as wagtail-localize copies child relations).
RULE_FIELD = {"tags": "tagged_items"}


def declared_fields(model) -> dict[str, type]:
    return {field.field_name: type(field) for field in model.translatable_fields}


def model_field_names(model, names: set[str]) -> set[str]:
    """Drop form-only panels (e.g. the gallery's "add photos from a collection")."""
    from django.core.exceptions import FieldDoesNotExist

    present = set()
    for name in names:
        try:
            model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        present.add(RULE_FIELD.get(name, name))
    return present


@pytest.mark.parametrize(
    "model", project_translatable_models(), ids=lambda model: model._meta.label
)
def test_every_model_declares_its_rules_in_the_code(model):
    # wagtail-localize guesses rules for a model without translatable_fields;
    # here every model says what it means.
    assert any(
        "translatable_fields" in klass.__dict__
        for klass in model.__mro__
        if klass.__module__.split(".")[0] in PROJECT_APPS | {"lifelong_site"}
    ), model


@pytest.mark.parametrize(
    "model",
    [model for model in project_translatable_models() if issubclass(model, Page)],
    ids=lambda model: model._meta.label,
)
def test_every_field_an_editor_sees_is_either_translated_or_synchronised(model):
    shown = model_field_names(model, panel_field_names(model.get_edit_handler())) - TREE_FIELDS
    undecided = shown - set(declared_fields(model))
    assert not undecided, f"{model._meta.label}: no translation rule for {sorted(undecided)}"


@pytest.mark.parametrize(
    ("label", "synced", "translated"),
    [
        (
            "news.NoticePage",
            {
                "document_number",
                "index_number",
                "signed_on",
                "issuers",
                "region",
                "published_at",
                "tagged_items",
            },
            {"title", "body", "summary", "annexes"},
        ),
        (
            "news.PressReleasePage",
            {"published_at", "region", "lead_image", "department"},
            {"title", "body", "lead_image_alt", "lead_image_caption"},
        ),
        ("campaigns.CampaignWeekPage", {"year", "starts_on", "ends_on"}, {"title", "theme"}),
        ("campaigns.CeremonyGalleryPage", set(), {"title"}),
        ("campaigns.GalleryPhoto", {"image"}, {"caption", "alt_text"}),
        ("campaigns.HeadlineFigure", {"number"}, {"label"}),
        ("campaigns.RegionalSectionPage", {"region"}, {"title", "body"}),
    ],
)
def test_facts_are_synchronised_and_words_are_translated(label, synced, translated):
    rules = declared_fields(apps.get_model(label))
    for name in synced:
        assert rules.get(name) is SynchronizedField, (label, name)
    for name in translated:
        assert rules.get(name) is TranslatableField, (label, name)


def test_document_numbers_and_dates_follow_the_source_and_cannot_be_overridden(site_tree):
    notices = NoticeIndexPageFactory(parent=site_tree.home_zh)
    # An explicit publication date: the factory's sequence moves it back a day
    # per notice made in the session, and a signing date must not be later.
    notice = NoticePageFactory(
        parent=notices,
        title="关于举办2024年全民终身学习活动周的通知",
        region=region("liaoning"),
        published_at=timezone.make_aware(dt.datetime(2024, 4, 8, 10, 0)),
    )
    notice.save_revision().publish()
    english = translate_instance(
        notice,
        site_tree.en,
        {notice.title: "Notice on the 2024 National Lifelong Learning Activity Week"},
    )
    source = TranslationSource.objects.get(object_id=notice.translation_key, locale=site_tree.zh)
    overridable = {
        segment.context.path
        for segment in OverridableSegment.objects.filter(source=source).select_related("context")
    }
    assert not overridable & {"document_number", "index_number", "signed_on", "region"}
    assert "title" in {
        segment.context.path
        for segment in StringSegment.objects.filter(source=source).select_related("context")
    }

    # The source is corrected and republished; syncing the translation brings
    # the new facts and keeps the English words.
    notice = type(notice).objects.get(pk=notice.pk)
    notice.document_number = "教职成厅函〔2024〕8号"
    notice.signed_on = dt.date(2024, 3, 1)
    notice.region = region("jiangsu")
    notice.tags.add("社区教育")
    notice.save_revision().publish()
    source.update_from_db()
    Translation.objects.get(source=source, target_locale=site_tree.en).save_target(publish=True)
    english = type(notice).objects.get(pk=english.pk)
    assert english.document_number == "教职成厅函〔2024〕8号"
    assert english.signed_on == dt.date(2024, 3, 1)
    assert english.region == region("jiangsu")
    assert set(english.tags.names()) == {"社区教育"}
    assert english.title == "Notice on the 2024 National Lifelong Learning Activity Week"
