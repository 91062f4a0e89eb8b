"""The review workflow: submit, approve or reject with a comment, publish;
nobody approves their own submission; everything is in the audit log."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from wagtail.log_actions import registry as log_registry  # noqa: F401  (registers the core actions)
from wagtail.models import Page, PageLogEntry

from lifelong_site.editorial.workflow import ENGLISH_WORKFLOW_NAME, WORKFLOW_NAME

pytestmark = pytest.mark.django_db


def submit(page: Page, user, title: str = "") -> Page:
    page = Page.objects.get(pk=page.pk).specific
    if title:
        page.title = title
    page.save_revision(user=user)
    page.get_workflow().start(page, user)
    return Page.objects.get(pk=page.pk).specific


def current_task(page: Page):
    state = page.current_workflow_state
    return state.current_task_state.task.specific, state.current_task_state


@pytest.mark.parametrize(
    ("key", "workflow_name"),
    [
        ("release", WORKFLOW_NAME),
        ("notice", WORKFLOW_NAME),
        ("week", WORKFLOW_NAME),
        ("liaoning", WORKFLOW_NAME),
        ("sichuan", WORKFLOW_NAME),
        ("release_en", ENGLISH_WORKFLOW_NAME),
        ("news_en", ENGLISH_WORKFLOW_NAME),
    ],
)
def test_every_section_and_language_is_reviewed(newsroom, key, workflow_name):
    workflow = Page.objects.get(pk=newsroom.pages[key].pk).get_workflow()
    assert workflow is not None and workflow.name == workflow_name


def test_another_reviewer_approves_and_the_page_goes_live(newsroom):
    page = submit(
        newsroom.pages["release"], newsroom.users["news_editor"], title="开幕式新闻（修订）"
    )
    task, task_state = current_task(page)
    assert {
        action for action, _label, _modal in task.get_actions(page, newsroom.users["reviewer"])
    } == {"approve", "reject"}
    assert task.get_actions(page, newsroom.users["news_editor"]) == []
    task.on_action(task_state, newsroom.users["reviewer"], "approve")
    page.refresh_from_db()
    assert page.live and page.title == "开幕式新闻（修订）"
    assert page.current_workflow_state is None


def test_reviewer_cannot_approve_their_own_submission(newsroom):
    author = newsroom.users["reviewer"]
    page = submit(newsroom.pages["release"], author, title="自审稿")
    task, task_state = current_task(page)
    assert task.get_actions(page, author) == []
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, author, "approve")
    page.refresh_from_db()
    assert page.title != "自审稿"
    # Another reviewer may.
    task.on_action(task_state, newsroom.users["reviewer2"], "approve")
    page.refresh_from_db()
    assert page.title == "自审稿"


def test_self_approval_is_refused_through_the_admin_too(newsroom, client):
    author = newsroom.users["reviewer"]
    page = submit(newsroom.pages["release"], author, title="自审稿")
    _task, task_state = current_task(page)
    client.force_login(author)
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert page.title != "自审稿" and page.current_workflow_state is not None


def test_rejection_returns_the_page_and_emails_the_author_with_the_comment(newsroom):
    author = newsroom.users["news_editor"]
    page = submit(newsroom.pages["release"], author, title="有错别字的稿件")
    task, task_state = current_task(page)
    mail.outbox.clear()
    task.on_action(task_state, newsroom.users["reviewer"], "reject", comment="第二段的日期写错了")
    page.refresh_from_db()
    assert page.title != "有错别字的稿件"
    assert page.current_workflow_state.status == "needs_changes"
    to_author = [message for message in mail.outbox if author.email in message.to]
    assert to_author, [message.to for message in mail.outbox]
    assert "第二段的日期写错了" in to_author[0].body


def test_publish_unpublish_approval_and_delete_are_logged_with_who(newsroom, client):
    reviewer, administrator = newsroom.users["reviewer"], newsroom.users["administrator"]
    page = submit(newsroom.pages["release"], newsroom.users["news_editor"], title="记录在案")
    task, task_state = current_task(page)
    task.on_action(task_state, reviewer, "approve")
    page = Page.objects.get(pk=page.pk)
    # Withdrawing a live page is a site administrator's action (roles.py).
    page.unpublish(user=administrator)
    entries = {entry.action: entry.user_id for entry in PageLogEntry.objects.filter(page=page)}
    assert entries["wagtail.workflow.start"] == newsroom.users["news_editor"].pk
    assert entries["wagtail.workflow.approve"] == reviewer.pk
    assert entries["wagtail.publish"] == reviewer.pk
    assert entries["wagtail.unpublish"] == administrator.pk

    client.force_login(administrator)
    notice = newsroom.pages["notice"]
    confirmation = client.get(f"/admin/pages/{notice.pk}/delete/")
    assert confirmation.status_code == 200 and Page.objects.filter(pk=notice.pk).exists()
    client.post(f"/admin/pages/{notice.pk}/delete/")
    assert not Page.objects.filter(pk=notice.pk).exists()
    deletion = PageLogEntry.objects.get(page_id=notice.pk, action="wagtail.delete")
    assert deletion.user_id == administrator.pk


def test_the_editor_autosaves_and_warns_of_concurrent_editing(newsroom, client):
    client.force_login(newsroom.users["news_editor"])
    response = client.get(f"/admin/pages/{newsroom.pages['release'].pk}/edit/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "autosave" in html.lower()
    assert "editing-sessions" in html or "editing_sessions" in html or "sessions" in html


@pytest.mark.parametrize(
    ("key", "new_title"),
    [
        ("release", "开幕式新闻（待审草稿）"),
        ("release_en", "Opening ceremony (draft under review)"),
    ],
)
def test_reviewer_previews_the_submitted_draft_in_either_language(newsroom, client, key, new_title):
    page = submit(
        newsroom.pages[key],
        newsroom.users["news_editor" if key == "release" else "translator"],
        title=new_title,
    )
    client.force_login(newsroom.users["reviewer"])
    preview = client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert preview.status_code == 200
    assert new_title in preview.content.decode()
    # The public page still shows the approved text.
    assert new_title not in client.get(Page.objects.get(pk=page.pk).url).content.decode()
    expected_language = "zh-Hans" if key == "release" else "en"
    assert f'lang="{expected_language}"' in preview.content.decode()
