"""The editorial flow in a real headless Chromium, through the Wagtail admin.

A news editor writes a press release, schedules it for 09:30 China Standard
Time and submits it for review; a reviewer approves it; the page stays under
embargo until the scheduler publishes it at its minute. A reviewer who
submitted a page himself is offered no approval of it; a second reviewer is.
"""

from __future__ import annotations

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

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

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def newsroom(site_tree) -> Newsroom:
    """Built for each test: the live server reads committed data only."""
    return build_newsroom(site_tree)


SHANGHAI = ZoneInfo("Asia/Shanghai")
APPROVE = "[data-workflow-action-name=approve]"


def run_scheduler() -> None:
    call_command("run_scheduler", once=True, stdout=StringIO())


def tomorrow_at(hour: int, minute: int) -> dt.datetime:
    today = timezone.localtime(timezone.now(), SHANGHAI).date()
    return dt.datetime.combine(today + dt.timedelta(days=1), dt.time(hour, minute), tzinfo=SHANGHAI)


def open_tab_of(page, field_selector: str) -> None:
    """Select the editor's tab that holds a field."""
    panel_id = page.locator(field_selector).evaluate("field => field.closest('[role=tabpanel]').id")
    page.locator(f"[role=tab][aria-controls='{panel_id}']").click()
    page.locator(field_selector).wait_for(state="visible")


def open_editor(page, server, page_id: int) -> None:
    page.goto(f"{server.url}/admin/pages/{page_id}/edit/")
    # The action menu is the last part of the editor to render.
    page.locator("footer button.action-save").first.wait_for(state="attached")


def test_scheduled_press_release_goes_live_at_its_minute_after_review(
    newsroom,
    server,
    sign_in,
    browser,
):
    news = newsroom.pages["news"]
    go_live = tomorrow_at(9, 30)
    shown = go_live.strftime("%Y-%m-%d %H:%M")

    # 1. The news editor writes the release, schedules it and submits it.
    editor = sign_in("news_editor")
    editor.goto(f"{server.url}/admin/pages/add/news/pressreleasepage/{news.pk}/")
    editor.fill("input[name=title]", "全民终身学习活动周明日开幕")
    open_tab_of(editor, "input[name=slug]")
    editor.fill("input[name=slug]", "opening-tomorrow")
    # The title's slug sync may still be on its way (it fires when the title
    # loses focus); type the slug again once the field has settled.
    editor.wait_for_timeout(300)
    editor.fill("input[name=slug]", "opening-tomorrow")
    assert editor.input_value("input[name=slug]") == "opening-tomorrow"
    editor.locator("[data-side-panel-toggle=status]").click()
    editor.locator("[data-a11y-dialog-show=schedule-publishing-dialog]").first.click()
    schedule = editor.locator("#schedule-publishing-dialog")
    schedule.wait_for(state="visible")
    schedule.locator("input[name=go_live_at]").fill(shown)
    # The date picker that opens under the field may cover the button: the
    # keyboard reaches it whatever covers it.
    save_schedule = schedule.locator("button[type=submit]")
    save_schedule.focus()
    assert schedule.locator("input[name=go_live_at]").input_value() == shown
    with editor.expect_navigation():
        save_schedule.press("Enter")  # "保存计划" saves a draft
    editor.wait_for_url(f"{server.url}/admin/pages/*/edit/")
    release = PressReleasePage.objects.get(title="全民终身学习活动周明日开幕")
    assert release.slug == "opening-tomorrow"
    assert release.get_parent().pk == news.pk
    assert not release.live
    # The admin shows the time as it was entered, in China Standard Time.
    assert editor.locator("input[name=go_live_at]").input_value() == shown

    with editor.expect_navigation():
        reveal_action(editor, "button[name=action-submit]").click()
    release = PressReleasePage.objects.get(pk=release.pk)
    state = release.current_workflow_state
    assert state is not None and state.status == "in_progress"
    assert state.workflow.pk == newsroom.workflow.pk
    assert state.requested_by_id == newsroom.users["news_editor"].pk

    # 2. Stored as that wall-clock minute in Asia/Shanghai: 01:30 UTC.
    expected_utc = dt.datetime.combine(go_live.date(), dt.time(1, 30), tzinfo=dt.UTC)
    assert release.go_live_at == expected_utc
    assert release.get_latest_revision().as_object().go_live_at == expected_utc
    assert timezone.localtime(release.go_live_at, SHANGHAI).strftime("%Y-%m-%d %H:%M") == shown

    # 3. The reviewer approves it, with a comment, in a fresh session.
    reviewer = sign_in("reviewer")
    open_editor(reviewer, server, release.pk)
    approve_with_comment = reveal_action(reviewer, f"{APPROVE}[data-workflow-action-modal-url]")
    approve_with_comment.click()
    comment = reviewer.locator(".modal textarea[name=comment]")
    comment.fill("同意按时发布")
    with reviewer.expect_navigation():
        reviewer.locator(".modal form button[type=submit]").click()
    release = PressReleasePage.objects.get(pk=release.pk)
    assert release.current_workflow_state is None
    workflow_state = release.workflow_states.get()
    assert workflow_state.status == "approved"
    decision = workflow_state.task_states.get()
    assert decision.status == "approved"
    assert decision.finished_by_id == newsroom.users["reviewer"].pk
    assert decision.comment == "同意按时发布"
    # Approved, but under embargo: the revision waits for its minute.
    assert not release.live
    assert release.get_latest_revision().approved_go_live_at == expected_utc

    # 4. Not public before its time, even after a scheduler pass.
    run_scheduler()
    release = PressReleasePage.objects.get(pk=release.pk)
    assert not release.live
    public_url = server.url + release.url
    assert public_url.endswith("/opening-tomorrow/")
    reader = browser.new_context(locale="zh-CN")
    try:
        reader_page = reader.new_page()
        reader_page.set_default_timeout(TIMEOUT_MS)
        response = reader_page.goto(public_url)
        assert response.status == 404

        # 5. A minute past the go-live time, the scheduler's pass publishes it.
        with time_machine.travel(go_live + dt.timedelta(minutes=1), tick=False):
            run_scheduler()
            release = PressReleasePage.objects.get(pk=release.pk)
            assert release.live
            assert release.first_published_at >= go_live
            response = reader_page.goto(public_url)
            assert response.status == 200
            heading = reader_page.locator("h1").first
            assert heading.is_visible()
            assert heading.inner_text().strip() == "全民终身学习活动周明日开幕"
    finally:
        reader.close()


def submit_through_the_editor(page, server, page_id: int, title: str) -> None:
    open_editor(page, server, page_id)
    page.fill("input[name=title]", title)
    with page.expect_navigation():
        reveal_action(page, "button[name=action-submit]").click()


def test_reviewer_cannot_approve_his_own_submission_but_a_second_reviewer_can(
    newsroom,
    server,
    sign_in,
):
    release = newsroom.pages["release"]
    author = sign_in("reviewer")
    submit_through_the_editor(author, server, release.pk, "自审稿")
    state = Page.objects.get(pk=release.pk).current_workflow_state
    assert state is not None and state.status == "in_progress"
    assert state.requested_by_id == newsroom.users["reviewer"].pk

    open_editor(author, server, release.pk)
    # The page is in the workflow and the author may cancel it ...
    assert author.locator("button[name=action-cancel-workflow]").count() == 1
    # ... but no approval, with or without a comment, is offered.
    assert author.locator(APPROVE).count() == 0

    second = sign_in("reviewer2")
    open_editor(second, server, release.pk)
    assert second.locator(APPROVE).count() == 2  # approve, and approve with a comment
    with second.expect_navigation():
        reveal_action(second, f"{APPROVE}:not([data-workflow-action-modal-url])").click()
    release = Page.objects.get(pk=release.pk)
    assert release.current_workflow_state is None
    decision = release.workflow_states.get().task_states.get()
    assert decision.status == "approved"
    assert decision.finished_by_id == newsroom.users["reviewer2"].pk
    assert release.live and release.title == "自审稿"
