"""`manage.py generate_archive` writes a valid, bilingual, live archive in
bulk, and a second run with the same seed and size adds nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F
from wagtail.models import Locale, Page, Revision

from bench.archive.pages import MODELS
from bench.archive.plan import KINDS, YEARS, Plan
from campaigns.models import (
    BrandProjectIndexPage,
    CampaignWeekPage,
    CeremonyGalleryPage,
    LearningStarIndexPage,
)
from lifelong_site.document_numbers import validate_document_number, validate_index_number
from news.models import NewsIndexPage, NoticeIndexPage, NoticePage, PressReleasePage

pytestmark = pytest.mark.django_db

PAGES, SEED, SHARE = 400, 7, 0.2


def generate(pages: int = PAGES) -> str:
    out = StringIO()
    call_command(
        "generate_archive",
        pages=pages,
        seed=SEED,
        english_share=SHARE,
        batch=150,
        stdout=out,
        stderr=StringIO(),
    )
    return out.getvalue()


def generated(model, language: str):
    return model.objects.live().filter(
        slug__startswith=f"gen{SEED}-", locale__language_code=language
    )


def test_generates_a_valid_bilingual_archive(demo_site, client):
    output = generate()
    plan = Plan(PAGES, SEED, SHARE)

    # The planned pages of each type and language, all live.
    for kind in KINDS:
        assert generated(MODELS[kind], "zh-hans").count() == plan.chinese_count(kind), kind
        assert generated(MODELS[kind], "en").count() == plan.english_count(kind), kind
    assert Page.objects.filter(slug__startswith=f"gen{SEED}-").count() == plan.total() == PAGES
    assert plan.english_count("release") > 0 and plan.english_count("notice") > 0
    # Bulk inserts copy the locale as save() does (ArticlePage.listing_locale).
    for model in (MODELS["release"], MODELS["notice"]):
        assert not model.objects.exclude(listing_locale=F("locale")).exists(), model
    assert f"Created {PAGES} pages of seed {SEED}" in output
    assert "python manage.py update_index" in output

    # One week per year with its indexes and gallery, in both languages.
    for language in ("zh-hans", "en"):
        assert sorted(
            CampaignWeekPage.objects.filter(locale__language_code=language).values_list(
                "year", flat=True
            )
        ) == list(YEARS)
        for model in (LearningStarIndexPage, BrandProjectIndexPage, CeremonyGalleryPage):
            assert model.objects.live().filter(locale__language_code=language).count() == len(
                YEARS
            ), model
    gallery = CeremonyGalleryPage.objects.filter(locale__language_code="en").last()
    assert 0 < gallery.photos.count() <= 20 and all(
        photo.alt_text for photo in gallery.photos.all()
    )

    # A valid tree: treebeard finds no problem, and numchild counts the children.
    assert all(problems == [] for problems in Page.find_problems())
    news_zh = NewsIndexPage.objects.get(locale__language_code="zh-hans")
    assert news_zh.numchild == news_zh.get_children().count() == plan.chinese_count("release")

    # One live revision per page, which reads back as the page.
    pages = Page.objects.filter(slug__startswith=f"gen{SEED}-")
    assert not pages.filter(live_revision__isnull=True).exists()
    assert not pages.exclude(latest_revision_id=F("live_revision_id")).exists()
    assert (
        Revision.page_revisions.filter(
            object_id__in=[str(pk) for pk in pages.values_list("pk", flat=True)]
        ).count()
        == PAGES
    )
    notice = generated(NoticePage, "zh-hans").first()
    from_revision = notice.live_revision.as_object()
    assert (
        from_revision.title == notice.title
        and from_revision.document_number == notice.document_number
    )
    assert [annex.title for annex in from_revision.annexes.all()] == [
        annex.title for annex in notice.annexes.all()
    ]
    assert 1 <= notice.annexes.count() <= 3 and notice.issuers.exists()

    # English pages are translations of Chinese ones, under the English listings.
    zh, en = Locale.objects.get(language_code="zh-hans"), Locale.objects.get(language_code="en")
    for model, listing in ((PressReleasePage, NewsIndexPage), (NoticePage, NoticeIndexPage)):
        english_listing = listing.objects.get(locale=en)
        for page in generated(model, "en"):
            source = model.objects.get(locale=zh, translation_key=page.translation_key)
            assert source.published_at == page.published_at
            assert page.get_parent().pk == english_listing.pk
    english_notice = generated(NoticePage, "en").first()
    source_notice = english_notice.get_translation(zh)
    assert english_notice.document_number == source_notice.document_number
    assert [a.translation_key for a in english_notice.annexes.all()] == [
        a.translation_key for a in source_notice.annexes.all()
    ]

    # Notices carry valid, unique document and index numbers.
    numbers = list(generated(NoticePage, "zh-hans").values_list("document_number", "index_number"))
    assert (
        len({document for document, _index in numbers})
        == len({index for _document, index in numbers})
        == len(numbers)
    )
    for document_number, index_number in numbers:
        validate_document_number(document_number)
        validate_index_number(index_number)
    notice.full_clean()

    # Generated pages render in both languages.
    for page in (
        generated(PressReleasePage, "zh-hans").first(),
        generated(PressReleasePage, "en").first(),
        notice,
        english_notice,
        generated(MODELS["star"], "zh-hans").first(),
    ):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title in response.content.decode()


def test_a_second_run_creates_nothing_and_a_broken_off_run_is_completed(demo_site):
    generate()
    before = Page.objects.count()

    output = generate()
    assert Page.objects.count() == before
    assert (
        f"Nothing to create: the {PAGES} planned pages of seed {SEED} are all there already."
        in output
    )

    # As if the run had stopped early: the last pages are missing.
    plan = Plan(PAGES, SEED, SHARE)
    last = plan.chinese_count("project") - 1
    Page.objects.filter(
        slug__in=[plan.slug("project", last), plan.slug("project", last - 1)]
    ).delete()
    output = generate()
    assert "Created 2 pages" in output
    assert Page.objects.count() == before
    assert all(problems == [] for problems in Page.find_problems())


def test_without_the_demo_site_it_says_what_to_run(site_tree):
    with pytest.raises(CommandError, match="load_demo"):
        generate()
