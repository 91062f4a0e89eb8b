"""Scheduled publishing: not public before the minute, public after the
scheduler runs, exactly once, never without approval; Asia/Shanghai times."""

from __future__ import annotations

import datetime as dt
import os
import time
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django import forms
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
OPENING = dt.datetime(2026, 4, 27, 9, 30, tzinfo=SHANGHAI)


def run_scheduler() -> None:
    call_command("run_scheduler", once=True, stdout=StringIO())


def draft_release(newsroom, title: str):
    from news.models import PressReleasePage

    release = PressReleasePage(
        title=title,
        slug=f"embargo-{abs(hash(title)) % 10_000}",
        live=False,
        locale=newsroom.pages["news"].locale,
    )
    newsroom.pages["news"].add_child(instance=release)
    release.go_live_at = OPENING
    release.save_revision(user=newsroom.users["news_editor"])
    return release


def public_status(page) -> int:
    return Client().get(Page.objects.get(pk=page.pk).url).status_code


def approve(newsroom, page) -> None:
    page = Page.objects.get(pk=page.pk).specific
    page.get_workflow().start(page, newsroom.users["news_editor"])
    page = Page.objects.get(pk=page.pk)
    state = page.current_workflow_state.current_task_state
    state.task.specific.on_action(state, newsroom.users["reviewer"], "approve")


def test_approved_page_goes_live_at_its_minute_exactly_once(newsroom):
    with time_machine.travel(OPENING - dt.timedelta(hours=2), tick=False) as traveller:
        release = draft_release(newsroom, "开幕式定时稿")
        approve(newsroom, release)
        release.refresh_from_db()
        assert not release.live
        traveller.move_to(OPENING - dt.timedelta(minutes=1))
        run_scheduler()
        release.refresh_from_db()
        assert not release.live  # 09:29: still under embargo

        traveller.move_to(OPENING + dt.timedelta(seconds=1))
        run_scheduler()
        run_scheduler()  # a second run, or a second scheduler, publishes nothing again
        release.refresh_from_db()
        assert release.live
        assert timezone.localtime(release.first_published_at, SHANGHAI).strftime("%H:%M") == "09:30"
        assert (
            PageLogEntry.objects.filter(page=release, action="wagtail.publish.scheduled").count()
            == 1
        )


def test_page_scheduled_while_the_scheduler_was_down_goes_live_at_the_next_run(newsroom):
    with time_machine.travel(OPENING - dt.timedelta(hours=2), tick=False) as traveller:
        release = draft_release(newsroom, "停机期间到期")
        approve(newsroom, release)
        traveller.move_to(OPENING + dt.timedelta(hours=3))  # nothing ran for three hours
        run_scheduler()
        release.refresh_from_db()
        assert release.live


def test_never_approved_page_is_never_published_by_the_scheduler(newsroom):
    with time_machine.travel(OPENING - dt.timedelta(hours=2), tick=False) as traveller:
        submitted = draft_release(newsroom, "已提交未批准")
        submitted.get_workflow().start(
            Page.objects.get(pk=submitted.pk).specific, newsroom.users["news_editor"]
        )
        draft_only = draft_release(newsroom, "只存了草稿")
        traveller.move_to(OPENING + dt.timedelta(days=1))
        run_scheduler()
        for page in (submitted, draft_only):
            page.refresh_from_db()
            assert not page.live, page.title
            assert public_status(page) == 404


def test_admin_times_are_china_standard_time_whatever_the_server_zone(monkeypatch):
    # The process's own zone (a server left on UTC or New York) must not matter.
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        entered = forms.DateTimeField().clean("2026-04-27 09:30")
        assert entered == dt.datetime(2026, 4, 27, 1, 30, tzinfo=dt.UTC)
        assert timezone.localtime(entered).strftime("%Y-%m-%d %H:%M") == "2026-04-27 09:30"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert os.environ.get("TZ") is None
