"""Four-eyes review under attack: nobody publishes alone, on any route, in
either language, and the approver approves the version that goes live.

Each test reproduces a way an earlier release let a page out without a second
person (a reviewer publishing their own edit from the page editor, a
translator resubmitting after the English reviewer looked, wagtail-localize's
"publish immediately" box, …) and checks it no longer works.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.actions.publish_page_revision import PublishPagePermissionError
from wagtail.models import GroupPagePermission, Page, PageLogEntry, TaskState, WorkflowState
from wagtail.test.utils.form_data import nested_form_data
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from lifelong_site.editorial.four_eyes import (
    REVIEW_REVISED_ACTION,
    contributors,
    moved_by_this_edit,
)
from lifelong_site.editorial.roles import NEWS_EDITORS, REVIEWERS
from lifelong_site.translation.review import Outcome, submit_for_review
from tests.factories.news import PressReleasePageFactory

pytestmark = pytest.mark.django_db

PAGES = [
    "release",
    "news",
    "notice",
    "notices",
    "campaigns",
    "week",
    "liaoning",
    "sichuan",
    "home_en",
    "news_en",
    "release_en",
]
ROLES = [
    "news_editor",
    "notice_editor",
    "campaign_editor",
    "liaoning_editor",
    "sichuan_editor",
    "reviewer",
    "reviewer2",
    "translator",
    "english_reviewer",
    "administrator",
]


def fresh(page: Page) -> Page:
    return Page.objects.get(pk=page.pk).specific


def live_title(page: Page) -> str:
    return Page.objects.filter(pk=page.pk, live=True).values_list("title", flat=True).first() or ""


def listing_form(page: Page, title: str, action: str | None = None, **extra: str) -> dict:
    """The page editor's form of a listing page (title, slug, intro, SEO)."""
    data = {
        "title": title,
        "slug": page.slug,
        "intro": "",
        "seo_title": "",
        "search_description": "",
        **extra,
    }
    if action:
        data[action] = "1"
    return nested_form_data(data)


def submit(page: Page, user, title: str) -> Page:
    page = fresh(page)
    page.title = title
    page.save_revision(user=user)
    page.get_workflow().start(page, user)
    return fresh(page)


def current_task(page: Page):
    state = fresh(page).current_workflow_state
    return state.current_task_state.task.specific, state.current_task_state


def approve_url(page: Page, task_state: TaskState) -> str:
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])


# --- 1. The permission: only site administrators publish directly ----------------


@pytest.mark.parametrize("role", ROLES)
def test_only_site_administrators_may_publish_directly_in_either_language(newsroom, role):
    user = newsroom.users[role]
    for key in PAGES:
        permissions = fresh(newsroom.pages[key]).permissions_for_user(user)
        expected = role == "administrator"
        assert permissions.can_publish() == expected, (role, key, "publish")
        if not expected:
            assert not permissions.can_publish_subpage(), (role, key, "publish a new child")


def test_a_site_administrator_may_publish_new_children(newsroom):
    assert (
        fresh(newsroom.pages["news"])
        .permissions_for_user(newsroom.users["administrator"])
        .can_publish_subpage()
    )


def test_a_publish_permission_given_by_hand_does_not_skip_review(newsroom):
    editors = Group.objects.get(name=NEWS_EDITORS)
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    GroupPagePermission.objects.create(
        group=editors, page=newsroom.pages["news"], permission=publish
    )
    permissions = fresh(newsroom.pages["release"]).permissions_for_user(
        newsroom.users["news_editor"]
    )
    assert "publish" in permissions.permissions  # the row is there…
    assert not permissions.can_publish()  # …and review still applies


def test_setup_roles_takes_publish_back_from_reviewers(newsroom):
    reviewers = Group.objects.get(name=REVIEWERS)
    assert not GroupPagePermission.objects.filter(
        group=reviewers, permission__codename="publish_page"
    ).exists()


# --- 2. Every publish route refuses a reviewer's or translator's own edit ---------


def test_a_reviewer_cannot_submit_and_then_publish_their_own_edit_in_the_page_editor(
    newsroom, client
):
    """The finding: the editor kept offering "Publish" after the reviewer
    submitted; confirming cancelled the workflow and published."""
    reviewer, news = newsroom.users["reviewer"], newsroom.pages["news"]
    client.force_login(reviewer)
    url = reverse("wagtailadmin_pages:edit", args=[news.pk])
    client.post(url, listing_form(news, "新闻发布（审核员自改）", "action-submit"))
    assert fresh(news).workflow_in_progress
    response = client.post(url, listing_form(news, "新闻发布（审核员自改）", "action-publish"))
    assert response.status_code in (200, 302)
    assert live_title(news) == news.title
    assert fresh(news).workflow_in_progress  # the review was not cancelled either


def edited_in_wagtails_editor(page: Page) -> Page:
    """An English page made with wagtail-localize opens in its translation
    editor; once its translation is stopped ("edit manually") it opens in
    Wagtail's page editor like a Chinese page."""
    Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id
    ).update(enabled=False)
    return page


@pytest.mark.parametrize(
    ("role", "key"),
    [
        ("news_editor", "news"),
        ("reviewer", "news"),
        ("reviewer2", "news"),
        ("translator", "news_en"),
        ("english_reviewer", "news_en"),
    ],
)
def test_the_page_editors_publish_button_saves_a_draft_at_most(newsroom, client, role, key):
    page = edited_in_wagtails_editor(newsroom.pages[key])
    client.force_login(newsroom.users[role])
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        listing_form(page, "Published alone?", "action-publish"),
    )
    assert response.status_code == 302  # saved: the button fell back to "save draft"
    assert fresh(page).get_latest_revision().user_id == newsroom.users[role].pk
    assert live_title(page) == page.title


@pytest.mark.parametrize("key", ["news", "news_en"])
def test_a_site_administrator_still_publishes_directly(newsroom, client, key):
    page = edited_in_wagtails_editor(newsroom.pages[key])
    client.force_login(newsroom.users["administrator"])
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        listing_form(page, "Corrected by the administrator", "action-publish"),
    )
    assert live_title(page) == "Corrected by the administrator"


@pytest.mark.parametrize(
    ("role", "key"), [("reviewer", "release"), ("english_reviewer", "release_en")]
)
def test_bulk_publish_refuses_reviewers(newsroom, client, role, key):
    page = fresh(newsroom.pages[key])
    page.title = "Bulk published alone?"
    page.save_revision(user=newsroom.users[role])
    client.force_login(newsroom.users[role])
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")) + f"?id={page.pk}"
    client.post(url, {"include_descendants": ""})
    assert live_title(page) != "Bulk published alone?"


@pytest.mark.parametrize("role", ["reviewer", "english_reviewer", "translator"])
def test_the_programmatic_publish_action_refuses_reviewers_and_translators(newsroom, role):
    page = fresh(newsroom.pages["release_en"] if role != "reviewer" else newsroom.pages["release"])
    revision = page.save_revision(user=newsroom.users[role])
    with pytest.raises(PublishPagePermissionError):
        revision.publish(user=newsroom.users[role])


@pytest.mark.parametrize(("role", "expect_live"), [("reviewer", False), ("administrator", True)])
def test_copying_with_publish_copies_needs_the_right_to_publish(
    newsroom, client, role, expect_live
):
    release = newsroom.pages["release"]
    client.force_login(newsroom.users[role])
    client.post(
        reverse("wagtailadmin_pages:copy", args=[release.pk]),
        {
            "new_title": "复制并发布",
            "new_slug": "copied-and-published",
            "new_parent_page": newsroom.pages["news"].pk,
            "publish_copies": "on",
        },
    )
    copy = Page.objects.filter(slug="copied-and-published").first()
    # A reviewer may not copy into the section at all (no "add"); either way nothing goes live.
    assert (copy is not None and copy.live) == expect_live


# --- 3. wagtail-localize's routes ------------------------------------------------------


@pytest.fixture
def translation(newsroom) -> Translation:
    return Translation.objects.get(
        source__object_id=newsroom.pages["release"].translation_key,
        target_locale__language_code="en",
    )


def set_string(translation: Translation, path: str, text: str) -> None:
    segment = StringSegment.objects.get(source=translation.source, context__path=path)
    StringTranslation.objects.update_or_create(
        translation_of=segment.string,
        locale=translation.target_locale,
        context=segment.context,
        defaults={"data": text},
    )


@pytest.mark.parametrize("role", ["translator", "english_reviewer"])
def test_the_translation_editors_publish_action_refuses_translators_and_english_reviewers(
    newsroom, client, translation, role
):
    set_string(translation, "title", "Published from the translation editor alone?")
    client.force_login(newsroom.users[role])
    # The translation editor is the English page's edit URL (wagtail-localize).
    client.post(
        reverse("wagtailadmin_pages:edit", args=[newsroom.pages["release_en"].pk]),
        {"action": "publish"},
    )
    assert (
        live_title(newsroom.pages["release_en"]) != "Published from the translation editor alone?"
    )


def test_the_translation_editors_publish_action_works_for_a_site_administrator(
    newsroom, client, translation
):
    set_string(translation, "title", "Published by the administrator in the translation editor")
    client.force_login(newsroom.users["administrator"])
    client.post(
        reverse("wagtailadmin_pages:edit", args=[newsroom.pages["release_en"].pk]),
        {"action": "publish"},
    )
    assert (
        live_title(newsroom.pages["release_en"])
        == "Published by the administrator in the translation editor"
    )


@pytest.mark.parametrize("role", ["translator", "english_reviewer"])
def test_update_translations_cannot_publish_immediately_without_review(
    newsroom, client, translation, role, django_capture_on_commit_callbacks
):
    set_string(translation, "title", "Published by 'update translations'?")
    client.force_login(newsroom.users[role])
    url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    screen = client.get(url)
    assert "publish_translations" not in screen.context["form"].fields
    assert 'name="publish_translations"' not in screen.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"publish_translations": "on"})
    assert live_title(newsroom.pages["release_en"]) != "Published by 'update translations'?"


def test_update_translations_still_publishes_for_a_site_administrator(
    newsroom, client, translation, django_capture_on_commit_callbacks
):
    set_string(translation, "title", "Published by the administrator")
    client.force_login(newsroom.users["administrator"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("wagtail_localize:update_translations", args=[translation.source_id]),
            {"publish_translations": "on"},
        )
    assert live_title(newsroom.pages["release_en"]) == "Published by the administrator"


def test_convert_to_alias_is_refused_to_translators(newsroom, client):
    release_en = newsroom.pages["release_en"]
    client.force_login(newsroom.users["translator"])
    response = client.post(reverse("wagtail_localize:convert_to_alias", args=[release_en.pk]))
    assert response.status_code in (302, 403)
    assert fresh(release_en).alias_of_id is None


# --- 4. The approver sees the version that goes live -----------------------------------


def test_approval_publishes_without_the_reviewer_holding_publish(newsroom):
    page = submit(newsroom.pages["release"], newsroom.users["news_editor"], "开幕式新闻（送审）")
    task, task_state = current_task(page)
    task.on_action(task_state, newsroom.users["reviewer"], "approve")
    assert live_title(page) == "开幕式新闻（送审）"


def test_an_edit_during_review_moves_the_review_and_voids_links_to_the_old_version(
    newsroom, client
):
    editor, reviewer, reviewer2 = (
        newsroom.users[name] for name in ("news_editor", "reviewer", "reviewer2")
    )
    page = submit(newsroom.pages["release"], editor, "送审版本")
    _task, old_task_state = current_task(page)

    edited = fresh(page)
    edited.title = "审核中修改的版本"
    revision = edited.save_revision(user=reviewer)

    task, task_state = current_task(page)
    assert task_state.pk != old_task_state.pk and task_state.revision_id == revision.pk
    assert PageLogEntry.objects.filter(page=page, action=REVIEW_REVISED_ACTION).exists()
    # The approval screen a reviewer opened before the edit no longer approves.
    client.force_login(reviewer2)
    client.post(approve_url(page, old_task_state), {"comment": ""})
    assert live_title(page) != "送审版本"
    # The reviewer who edited is now an author: no review actions for them,
    # and an approval of theirs in a later request is refused.
    assert task.get_actions(fresh(page), reviewer) == []
    moved_by_this_edit.set(None)  # what the next request starts with
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, reviewer, "approve")
    # Another reviewer approves the version that goes live.
    client.post(approve_url(page, task_state), {"comment": ""})
    assert live_title(page) == "审核中修改的版本"


def test_a_reviewer_who_edits_and_approves_in_the_editor_only_resubmits(newsroom, client):
    news = newsroom.pages["news"]
    submit(news, newsroom.users["news_editor"], "新闻发布（送审）")
    reviewer = newsroom.users["reviewer"]
    client.force_login(reviewer)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[news.pk]),
        listing_form(
            news,
            "新闻发布（审核员改后批准）",
            "action-workflow-action",
            **{"workflow-action-name": "approve"},
        ),
        follow=True,
    )
    assert live_title(news) == news.title  # not published
    state = fresh(news).current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.revision.user_id == reviewer.pk
    assert "不能再批准" in response.content.decode()
    task, task_state = current_task(news)
    task.on_action(task_state, newsroom.users["reviewer2"], "approve")
    assert live_title(news) == "新闻发布（审核员改后批准）"


def test_approving_in_the_editor_without_changing_the_text_approves(newsroom, client):
    """The editor's approve button posts the whole form, and Wagtail saves a
    revision whenever the form reports a change (a date's formatting will
    do): the same text saved again is not an edit."""
    news = newsroom.pages["news"]
    submit(news, newsroom.users["news_editor"], "新闻发布（送审）")
    reviewer = newsroom.users["reviewer"]
    same_text = fresh(news).get_latest_revision_as_object()
    same_text.save_revision(user=reviewer)  # what the editor does before the action
    task, task_state = current_task(news)
    assert task_state.revision.user_id == reviewer.pk  # the review follows the revision number…
    assert reviewer.pk not in contributors(fresh(news))  # …but the reviewer wrote nothing
    task.on_action(task_state, reviewer, "approve")
    assert live_title(news) == "新闻发布（送审）"


def test_the_author_of_an_earlier_draft_cannot_approve(newsroom):
    reviewer = newsroom.users["reviewer"]
    draft = fresh(newsroom.pages["release"])
    draft.title = "审核员起草"
    draft.save_revision(user=reviewer)
    page = submit(draft, newsroom.users["news_editor"], "审核员起草，编辑提交")
    task, task_state = current_task(page)
    assert task.get_actions(fresh(page), reviewer) == []
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, reviewer, "approve")
    task.on_action(task_state, newsroom.users["reviewer2"], "approve")
    assert live_title(page) == "审核员起草，编辑提交"


def test_a_translator_resubmitting_restarts_the_english_review(newsroom, client, site_tree):
    release = PressReleasePageFactory(parent=newsroom.pages["news"], title="社区学习中心开放日")
    release.save_revision().publish()
    translator, english_reviewer = newsroom.users["translator"], newsroom.users["english_reviewer"]
    client.force_login(translator)
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[release.pk]),
        {"locales": [site_tree.en.pk]},
    )
    translation = Translation.objects.get(
        source__object_id=release.translation_key, target_locale=site_tree.en
    )
    set_string(translation, "title", "Open day (first version)")
    assert submit_for_review(translation, translator).outcome == Outcome.STARTED
    page = translation.get_target_instance()
    _task, first_task_state = current_task(page)

    set_string(translation, "title", "Open day (final version)")
    assert submit_for_review(translation, translator).outcome == Outcome.RESTARTED
    assert (
        WorkflowState.objects.get(pk=first_task_state.workflow_state_id).status
        == WorkflowState.STATUS_CANCELLED
    )

    client.force_login(english_reviewer)
    client.post(approve_url(page, first_task_state), {"comment": ""})
    assert not fresh(page).live  # the link to the version the reviewer saw first is void
    _task, task_state = current_task(page)
    client.post(approve_url(page, task_state), {"comment": ""})
    assert live_title(page) == "Open day (final version)"


def test_strings_changed_after_submission_hold_the_english_approval(newsroom, client, site_tree):
    release = PressReleasePageFactory(parent=newsroom.pages["news"], title="老年大学结业典礼")
    release.save_revision().publish()
    translator, english_reviewer = newsroom.users["translator"], newsroom.users["english_reviewer"]
    client.force_login(translator)
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[release.pk]),
        {"locales": [site_tree.en.pk]},
    )
    translation = Translation.objects.get(
        source__object_id=release.translation_key, target_locale=site_tree.en
    )
    set_string(translation, "title", "Graduation at the University for the Elderly")
    submit_for_review(translation, translator)
    page = translation.get_target_instance()
    task, task_state = current_task(page)
    assert "approve" in {name for name, *_ in task.get_actions(fresh(page), english_reviewer)}

    # The translator goes on editing in the translation editor, which the
    # English reviewer reads: that text is not what approval would publish.
    set_string(translation, "title", "Graduation ceremony, University for the Elderly")
    assert "approve" not in {name for name, *_ in task.get_actions(fresh(page), english_reviewer)}
    # The bar under the translation editor says why, and links the version under review.
    client.force_login(english_reviewer)
    bar = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "data-review-held" in bar and "更新送审稿" in bar
    assert 'data-review-action="approve"' not in bar and 'data-review-action="reject"' in bar
    assert reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, task_state.task_id]) in bar
    with pytest.raises(PermissionDenied, match="更新送审稿"):
        task.on_action(task_state, english_reviewer, "approve")

    submit_for_review(translation, translator)
    task, task_state = current_task(page)
    task.on_action(task_state, english_reviewer, "approve")
    assert live_title(page) == "Graduation ceremony, University for the Elderly"
