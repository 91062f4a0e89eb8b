"""Notice validation through the admin's own form: clear errors, nothing lost."""

from __future__ import annotations

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from lifelong_site.models import Organisation
from news.models import NoticePage
from tests.factories.news import NoticePageFactory, SiteDocumentFactory, add_issuers
from tests.factories.site import SuperuserFactory

pytestmark = pytest.mark.django_db


def notice_form(parent, user, instance=None, **overrides):
    organisation = Organisation.objects.get(slug="moe-general-office")
    data = {
        "title": "关于举办2024年全民终身学习活动周的通知",
        "slug": "notice-2024",
        "index_number": "360A07-07-2024-0007",
        "document_number": "教职成厅函〔2024〕7号",
        "published_at": "2024-04-08 10:00:00",
        "subject_category": "education",
        "disclosure": "proactive",
        "summary": "部署2024年全民终身学习活动周。",
        "body": streamfield([("paragraph", rich_text("<p>正文</p>"))]),
        "issuers": inline_formset([{"organisation": str(organisation.pk)}]),
        "annexes": inline_formset([]),
        "contacts": inline_formset([]),
        "change_notes": inline_formset([]),
        "tags": "",
    }
    data.update(overrides)
    form_class = NoticePage.get_edit_handler().get_form_class()
    instance = instance or NoticePage(locale=parent.locale)
    return form_class(nested_form_data(data), instance=instance, parent_page=parent, for_user=user)


@pytest.fixture
def editor(db):
    return SuperuserFactory(username="notice-editor")


def test_a_valid_notice_passes(news_tree, editor):
    form = notice_form(news_tree.notices, editor)
    assert form.is_valid(), form.errors


def test_bad_document_number_gives_a_clear_form_error(news_tree, editor):
    form = notice_form(
        news_tree.notices, editor, document_number="Faculty of Cheng Chengxiang [2024] No. 7"
    )
    assert not form.is_valid()
    assert "文号格式应为" in str(form.errors["document_number"])


def test_bracket_variants_are_stored_in_the_official_form(news_tree, editor):
    form = notice_form(news_tree.notices, editor, document_number="教职成厅函［2024］7号")
    assert form.is_valid(), form.errors
    assert form.instance.document_number == "教职成厅函〔2024〕7号"


def test_document_number_must_start_with_an_issuer_abbreviation(news_tree, editor):
    form = notice_form(news_tree.notices, editor, document_number="民办函〔2024〕7号")
    assert not form.is_valid()
    assert "代字" in str(form.errors["document_number"])


def test_duplicate_index_number_names_the_other_notice(news_tree, editor):
    NoticePageFactory(
        parent=news_tree.notices, title="已有的通知", index_number="360A07-07-2024-0007"
    )
    form = notice_form(news_tree.notices, editor)
    assert not form.is_valid()
    assert "已有的通知" in str(form.errors["index_number"])


def test_index_number_is_not_a_duplicate_of_its_own_translation(news_tree, editor, site_tree):
    notice = NoticePageFactory(parent=news_tree.notices, index_number="360A07-07-2024-0099")
    add_issuers(notice, "moe-general-office")
    notice.save_revision().publish()
    english = notice.copy_for_translation(site_tree.en, copy_parents=True)
    english.full_clean()  # same translation_key: no clash


def test_summary_over_100_characters_is_refused(news_tree, editor):
    form = notice_form(news_tree.notices, editor, summary="长" * 101)
    assert not form.is_valid()
    assert "summary" in form.errors


def test_annex_without_file_or_html_is_refused(news_tree, editor):
    form = notice_form(
        news_tree.notices,
        editor,
        annexes=inline_formset(
            [{"title": "附件", "reference_number": "", "html": streamfield([])}]
        ),
    )
    assert not form.is_valid()
    assert "至少其一" in str(form.formsets["annexes"].errors)


def test_annex_with_a_file_is_accepted(news_tree, editor):
    document = SiteDocumentFactory()
    form = notice_form(
        news_tree.notices,
        editor,
        annexes=inline_formset(
            [
                {
                    "title": "汇总表",
                    "reference_number": "",
                    "document": str(document.pk),
                    "html": streamfield([]),
                }
            ]
        ),
    )
    assert form.is_valid(), (form.errors, form.formsets["annexes"].errors)


def test_repeal_before_valid_from_is_refused(news_tree, editor):
    form = notice_form(news_tree.notices, editor, valid_from="2024-05-01", repealed_on="2024-04-01")
    assert not form.is_valid()
    assert "repealed_on" in form.errors
