"""The English review workflow: a translator submits from the translation
editor, an English reviewer approves and the English page goes live; nobody
else's approval or publication gets around it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from lifelong_site.editorial.workflow import ENGLISH_WORKFLOW_NAME
from lifelong_site.translation.review import Outcome, submit_for_review
from tests.factories.news import PressReleasePageFactory

pytestmark = pytest.mark.django_db


def new_translation(newsroom, site_tree, client) -> Translation:
    """A fresh Chinese release, translated by the translator through
    wagtail-localize's own "Translate this page" form."""
    release = PressReleasePageFactory(parent=newsroom.pages["news"], title="社区学习中心开放日")
    release.save_revision().publish()
    client.force_login(newsroom.users["translator"])
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[release.pk]),
        {"locales": [site_tree.en.pk]},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return Translation.objects.get(
        source__object_id=release.translation_key, target_locale=site_tree.en
    )


def refused(response) -> bool:
    """Wagtail's admin answers PermissionDenied with a redirect to the
    dashboard and an error message (a 403 outside its views)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def translate_title(translation: Translation, text: str) -> None:
    segment = StringSegment.objects.get(source=translation.source, context__path="title")
    StringTranslation.objects.update_or_create(
        translation_of=segment.string,
        locale=translation.target_locale,
        context=segment.context,
        defaults={"data": text},
    )


def test_a_new_translation_is_a_draft_in_the_english_workflow(
    newsroom, site_tree, client, django_capture_on_commit_callbacks
):
    # wagtail-localize publishes in an on-commit callback: run them.
    with django_capture_on_commit_callbacks(execute=True):
        translation = new_translation(newsroom, site_tree, client)
    page = translation.get_target_instance()
    assert not page.live
    assert page.get_workflow().name == ENGLISH_WORKFLOW_NAME


def test_translator_submits_and_the_english_reviewer_publishes(newsroom, site_tree, client):
    translation = new_translation(newsroom, site_tree, client)
    translate_title(translation, "Open day of the community learning centre")
    response = client.post(reverse("localization_submit_for_review", args=[translation.pk]))
    page = Page.objects.get(pk=translation.get_target_instance().pk).specific
    assert response.status_code == 302 and response.url == reverse(
        "wagtailadmin_pages:edit", args=[page.pk]
    )
    state = page.current_workflow_state
    assert (
        state.status == WorkflowState.STATUS_IN_PROGRESS
        and state.workflow.name == ENGLISH_WORKFLOW_NAME
    )
    assert not page.live
    # The draft under review carries the translator's text.
    assert page.get_latest_revision_as_object().title == "Open day of the community learning centre"
    task = state.current_task_state.task.specific
    assert {
        action for action, *_ in task.get_actions(page, newsroom.users["english_reviewer"])
    } == {"approve", "reject"}
    # Chinese reviewers are not the English task's reviewers.
    assert not task.get_actions(page, newsroom.users["reviewer"])
    task.on_action(state.current_task_state, newsroom.users["english_reviewer"], "approve")
    page.refresh_from_db()
    assert page.live and page.title == "Open day of the community learning centre"
    assert client.get(page.url).status_code == 200


def test_resubmitting_after_changes_were_requested_resumes_the_review(newsroom, site_tree, client):
    translation = new_translation(newsroom, site_tree, client)
    assert submit_for_review(translation, newsroom.users["translator"]).outcome == Outcome.STARTED
    page = Page.objects.get(pk=translation.get_target_instance().pk)
    state = page.current_workflow_state
    state.current_task_state.task.specific.on_action(
        state.current_task_state,
        newsroom.users["english_reviewer"],
        "reject",
        comment="Title: use 'open day'.",
    )
    translate_title(translation, "Open day")
    assert submit_for_review(translation, newsroom.users["translator"]).outcome == Outcome.RESUMED
    # Submitting again while in review starts the review afresh (test_four_eyes.py).
    assert submit_for_review(translation, newsroom.users["translator"]).outcome == Outcome.RESTARTED
    page = Page.objects.get(pk=page.pk)
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.get_latest_revision_as_object().title == "Open day"


def test_translator_may_not_publish_from_the_translation_editor(newsroom, site_tree, client):
    translation = new_translation(newsroom, site_tree, client)
    page = translation.get_target_instance()
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"}
    )
    assert refused(response)
    assert not Page.objects.get(pk=page.pk).live


def test_translator_may_not_edit_or_translate_into_the_chinese_source(newsroom, client):
    client.force_login(newsroom.users["translator"])
    release = newsroom.pages["release"]
    response = client.get(reverse("wagtailadmin_pages:edit", args=[release.pk]))
    assert response.status_code in (302, 403)
    assert not release.permissions_for_user(newsroom.users["translator"]).can_edit()


def test_only_users_who_may_edit_the_english_page_can_submit_it(newsroom, site_tree, client):
    translation = new_translation(newsroom, site_tree, client)
    client.force_login(newsroom.users["news_editor"])
    response = client.post(reverse("localization_submit_for_review", args=[translation.pk]))
    assert refused(response)
    assert Page.objects.get(pk=translation.get_target_instance().pk).current_workflow_state is None
    assert (
        client.get(reverse("localization_submit_for_review", args=[translation.pk])).status_code
        == 405
    )


def test_the_translation_editor_shows_the_review_bar(newsroom, site_tree, client):
    translation = new_translation(newsroom, site_tree, client)
    page = translation.get_target_instance()
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "data-submit-for-review" in html
    assert reverse("localization_submit_for_review", args=[translation.pk]) in html
    assert "js-translation-editor" in html  # still wagtail-localize's editor


def test_an_unknown_translation_is_a_404(newsroom, client):
    client.force_login(newsroom.users["translator"])
    assert client.post(reverse("localization_submit_for_review", args=[999999])).status_code == 404


def test_sources_are_untouched_by_a_submission(newsroom, site_tree, client):
    translation = new_translation(newsroom, site_tree, client)
    source_page = TranslationSource.objects.get(pk=translation.source_id).get_source_instance()
    before = source_page.get_latest_revision().pk
    submit_for_review(translation, newsroom.users["translator"])
    assert Page.objects.get(pk=source_page.pk).get_latest_revision().pk == before


def test_the_english_reviewer_approves_from_the_translation_editor(newsroom, site_tree, client):
    translation = new_translation(newsroom, site_tree, client)
    translate_title(translation, "Open day at the learning centre")
    submit_for_review(translation, newsroom.users["translator"])
    page = Page.objects.get(pk=translation.get_target_instance().pk)
    client.force_login(newsroom.users["english_reviewer"])
    editor_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    html = client.get(editor_url).content.decode()
    task_state = page.current_workflow_state.current_task_state
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
    )
    assert approve_url in html and 'data-review-action="reject"' in html
    assert html.count('data-review-action="approve"') == 1
    response = client.post(approve_url, {"comment": "", "next": editor_url})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and page.title == "Open day at the learning centre"
    # The translator, who may not approve, sees no approve button.
    client.force_login(newsroom.users["translator"])
    assert "data-review-action" not in client.get(editor_url).content.decode()
