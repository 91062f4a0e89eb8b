"""Publish, translate, review, switch languages: the English side of the
newsroom in a real headless Chromium, through the Wagtail admin.

A site administrator publishes a Chinese press release; the translator starts its
English translation from the translation status report, drafts it with the
machine translator (the offline phrasebook behind the glossary), corrects the
title in wagtail-localize's editor and submits it with our "提交审核" button;
the English reviewer approves it under the editor; readers then move between
the two language versions of the same release with the language switcher.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail_localize.models import StringTranslation, Translation

from lifelong_site.translation.glossary import load_glossary_terms
from lifelong_site.translation.models import GlossaryTerm
from news.models import PressReleasePage
from tests.browser.admin_session import (  # noqa: F401  (fixtures, reused)
    TIMEOUT_MS,
    reveal_action,
    server,
    sign_in,
    site_tree,
    without_autosave,
)
from tests.editorial.conftest import Newsroom, build_newsroom
from tests.factories.news import PressReleasePageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def newsroom(site_tree) -> Newsroom:
    """Built for each test: the live server reads committed data only."""
    return build_newsroom(site_tree)


DOCUMENT_NUMBER = "教职成厅函〔2024〕7号"
TITLE_ZH = "2024年全民终身学习活动周在沈阳开幕"
BODY_ZH = (
    f"教育部办公厅根据{DOCUMENT_NUMBER}部署2024年全民终身学习活动周，沈阳市各社区学习中心同时开放。"
)
TITLE_EN = "2024 National Lifelong Learning Activity Week opens in Shenyang"
ACTIVITY_WEEK_EN = "National Lifelong Learning Activity Week"
ENGINE = "离线短语表（术语表）"  # GlossaryTranslator's name for the phrasebook in the test settings


@pytest.fixture
def draft_release(newsroom, site_tree) -> PressReleasePage:
    """A Chinese press release, saved as a draft under the Chinese news section."""
    # The glossary's seed terms come from a data migration, which the live
    # server's flushes remove.
    load_glossary_terms(GlossaryTerm)
    release = PressReleasePageFactory(
        parent=newsroom.pages["news"],
        title=TITLE_ZH,
        slug="shenyang-opening",
        live=False,
        body=[("paragraph", RichText(f"<p>{BODY_ZH}</p>"))],
    )
    release.save_revision()
    return release


@pytest.fixture
def reader(browser):
    """An anonymous visitor of the public site."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.set_default_navigation_timeout(TIMEOUT_MS)
    yield page
    context.close()


def success_message(page):
    return page.locator(".messages .success").first


def test_publish_translate_review_and_switch_languages(
    newsroom,
    draft_release,
    server,
    sign_in,
    reader,
):
    release = draft_release
    zh_url = server.url + release.url
    assert reader.goto(zh_url).status == 404  # a draft, not public yet

    # 1. A site administrator, the one role that publishes without review,
    # publishes the Chinese release.
    administrator = sign_in("administrator")
    administrator.goto(f"{server.url}/admin/pages/{release.pk}/edit/")
    administrator.locator("footer button.action-save").first.wait_for(state="attached")
    with administrator.expect_navigation():
        reveal_action(administrator, "button[name=action-publish]").click()
    expect(success_message(administrator)).to_contain_text(TITLE_ZH)
    assert PressReleasePage.objects.get(pk=release.pk).live
    response = reader.goto(zh_url)
    assert response.status == 200
    expect(reader.locator("h1").first).to_have_text(TITLE_ZH)

    # 2. The translator finds the release in the translation status report
    # (the Chinese page's own admin views are not his) and translates it.
    translator = sign_in("translator")
    translator.goto(f"{server.url}/admin/translations/status/")
    row = translator.locator(f"tr[data-page-id='{release.pk}']")
    with translator.expect_navigation():
        row.locator("a[data-action]").click()
    assert translator.url.startswith(f"{server.url}/admin/localize/submit/page/{release.pk}/")
    english = translator.locator(
        f"input[name=locales][value='{newsroom.pages['home_en'].locale_id}']"
    )
    english.check()
    with translator.expect_navigation():
        translator.locator("form input[type=submit]").click()
    translation = Translation.objects.get(
        source__object_id=release.translation_key, target_locale__language_code="en"
    )
    english_page = translation.get_target_instance()
    translator.wait_for_url(f"{server.url}/admin/pages/{english_page.pk}/edit/")
    en_url = server.url + english_page.url
    assert en_url.startswith(server.url + "/en/")
    # A new translation is a draft for the English reviewers: nothing public under /en/ yet.
    assert not Page.objects.get(pk=english_page.pk).live, (
        "the new English translation went live at once"
    )
    assert reader.goto(en_url).status == 404

    # 3. A machine draft: the offline phrasebook behind the glossary.
    machine = translator.locator(
        ".js-translation-editor form[action*='machine_translate'] button[type=submit]:visible"
    )
    expect(machine).to_contain_text(ENGINE)
    expect(machine).to_be_enabled()
    with translator.expect_navigation():
        machine.click()
    translator.wait_for_url(f"{server.url}/admin/pages/{english_page.pk}/edit/")
    editor = translator.locator(".js-translation-editor")
    expect(editor).to_contain_text(DOCUMENT_NUMBER)
    expect(editor).to_contain_text(ACTIVITY_WEEK_EN)
    drafts = StringTranslation.objects.filter(
        locale__language_code="en", translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
    )
    body_drafts = [draft.data for draft in drafts if DOCUMENT_NUMBER in draft.data]
    assert len(body_drafts) == 1, [draft.data for draft in drafts]
    assert ACTIVITY_WEEK_EN in body_drafts[0]

    # 4. The translator corrects the title in the editor.
    title_segment = editor.locator("li:has(> p.title)")
    assert title_segment.count() == 1
    title_segment.get_by_role("button", name="编辑").click()
    title_segment.locator("textarea").fill(TITLE_EN)
    with translator.expect_response(lambda r: r.request.method == "PUT" and r.ok):
        title_segment.get_by_role("button", name="保存").click()
    expect(title_segment.locator("textarea")).to_have_count(0)
    expect(title_segment).to_contain_text(TITLE_EN)

    # 5. "提交审核": a draft for the English reviewers, not public yet.
    with translator.expect_navigation():
        translator.locator("[data-submit-for-review]").click()
    translator.wait_for_url(f"{server.url}/admin/pages/{english_page.pk}/edit/")
    expect(success_message(translator)).to_contain_text("已提交英文审核")
    expect(success_message(translator)).to_contain_text(TITLE_EN)
    expect(translator.locator("[data-review-state=in_progress]")).to_be_visible()
    english_page = Page.objects.get(pk=english_page.pk)
    assert not english_page.live
    assert english_page.current_workflow_state is not None
    assert reader.goto(en_url).status == 404

    # 6. The English reviewer approves under the translation editor.
    english_reviewer = sign_in("english_reviewer")
    english_reviewer.goto(f"{server.url}/admin/pages/{english_page.pk}/edit/")
    expect(english_reviewer.locator(".js-translation-editor")).to_contain_text(TITLE_EN)
    english_reviewer.locator("#review-comment").fill("译文准确，同意发布。")
    with english_reviewer.expect_navigation():
        # The bar offers "批准" and "带评论批准", both the same approval: press "批准".
        english_reviewer.locator("[data-review-action=approve]").get_by_text(
            "批准", exact=True
        ).click()
    english_reviewer.wait_for_url(f"{server.url}/admin/pages/{english_page.pk}/edit/")
    english_page = PressReleasePage.objects.get(pk=english_page.pk)
    assert english_page.live
    assert english_page.title == TITLE_EN
    assert DOCUMENT_NUMBER in str(english_page.body[0].value)
    decision = english_page.workflow_states.get().task_states.get()
    assert decision.status == "approved" and decision.comment == "译文准确，同意发布。"
    response = reader.goto(en_url)
    assert response.status == 200
    expect(reader.locator("h1").first).to_have_text(TITLE_EN)
    expect(reader.locator("main")).to_contain_text(DOCUMENT_NUMBER)

    # 7. The language switcher leads to the same release in the other language.
    switcher = reader.locator(".language-switcher")
    to_chinese = switcher.locator("a[hreflang^='zh' i]")
    expect(to_chinese).not_to_have_attribute("data-fallback", "true")
    with reader.expect_navigation():
        to_chinese.click()
    reader.wait_for_url(zh_url)
    expect(reader.locator("h1").first).to_have_text(TITLE_ZH)
    to_english = reader.locator(".language-switcher a[hreflang='en']")
    expect(to_english).not_to_have_attribute("data-fallback", "true")
    with reader.expect_navigation():
        to_english.click()
    reader.wait_for_url(en_url)
    expect(reader.locator("h1").first).to_have_text(TITLE_EN)
