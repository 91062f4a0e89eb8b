"""The scheduler that `make run` starts publishes pages whose time has come."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from lifelong_site.editorial.management.commands.run_scheduler import seconds_until_next_tick
from tests.factories.site import HomePageFactory


def test_next_tick_is_just_after_the_next_minute():
    assert seconds_until_next_tick(60, now=120.0) == pytest.approx(61.0)
    assert seconds_until_next_tick(60, now=179.5) == pytest.approx(1.5)


@pytest.mark.django_db
def test_one_pass_publishes_a_page_whose_go_live_time_has_passed(site_tree):
    go_live = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(minutes=5)
    page = HomePageFactory.build(title="定时发布", slug="scheduled", live=False)
    site_tree.home_zh.add_child(instance=page)
    page.go_live_at = go_live
    page.save_revision().publish()  # an approved revision with a future go-live time is scheduled
    page.refresh_from_db()
    assert not page.live

    with time_machine.travel(go_live - dt.timedelta(seconds=1), tick=False):
        call_command("run_scheduler", once=True, stdout=StringIO())
    page.refresh_from_db()
    assert not page.live, "published before its minute"

    with time_machine.travel(go_live + dt.timedelta(seconds=1), tick=False):
        call_command("run_scheduler", once=True, stdout=StringIO())
    page.refresh_from_db()
    assert page.live
