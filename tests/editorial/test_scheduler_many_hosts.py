"""A scheduler on every host: each pass is exclusive (an advisory lock on
PostgreSQL, a file lock on SQLite), and a revision is published once even by
passes that overlap.

The passes run in threads, each with its own database connection, as two
hosts would; the data they read must be committed, hence transactional_db.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import StringIO

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published

from lifelong_site.editorial.management.commands import run_scheduler
from lifelong_site.editorial.scheduler_lock import exclusive_pass, file_lock
from tests.conftest import build_site_tree, existing_site_tree
from tests.factories.site import HomePageFactory

HOSTS = ("host-a", "host-b")
WAIT = 10  # seconds; only a broken lock makes a test wait this long


@dataclass
class Scheduled:
    page: Page
    revision: Revision
    go_live: dt.datetime


def scheduled_page(slug: str) -> Scheduled:
    """A page with an approved revision that goes live in five minutes."""
    tree = existing_site_tree() or build_site_tree()
    go_live = timezone.now().replace(microsecond=0) + dt.timedelta(minutes=5)
    page = HomePageFactory.build(title=f"定时发布 {slug}", slug=slug, live=False)
    tree.home_zh.add_child(instance=page)
    page.go_live_at = go_live
    revision = page.save_revision()
    revision.publish()  # a future go-live time only schedules it
    page.refresh_from_db()
    assert not page.live
    return Scheduled(page=page, revision=revision, go_live=go_live)


@dataclass
class Hosts:
    """Scheduler passes in threads, one per host name."""

    done: dict[str, threading.Event] = field(
        default_factory=lambda: {name: threading.Event() for name in HOSTS}
    )
    errors: list[BaseException] = field(default_factory=list)
    output: dict[str, str] = field(default_factory=dict)

    def start_pass(self, name: str, barrier: threading.Barrier | None = None) -> threading.Thread:
        def one_pass() -> None:
            stdout = StringIO()
            try:
                if barrier is not None:
                    barrier.wait(timeout=WAIT)
                call_command("run_scheduler", once=True, stdout=stdout)
            except BaseException as error:  # reported by the test, not lost in the thread
                self.errors.append(error)
            finally:
                self.output[name] = stdout.getvalue()
                connection.close()  # the thread's own connection
                self.done[name].set()

        thread = threading.Thread(target=one_pass, name=name)
        thread.start()
        return thread


@pytest.fixture
def scheduler_log(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """The scheduler's records, debug included ("lifelong_site" does not
    propagate to the root logger, where caplog listens)."""
    logger = logging.getLogger("lifelong_site.scheduler")
    level = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(caplog.handler)
    yield caplog
    logger.removeHandler(caplog.handler)
    logger.setLevel(level)


@contextmanager
def no_pass_lock() -> Iterator[bool]:
    """The pass as one transaction, as on PostgreSQL, but with no lock: what
    two passes would do if the advisory lock ever failed to exclude them."""
    with transaction.atomic():
        yield True


@pytest.mark.postgres
@pytest.mark.parametrize("guard", ["advisory lock", "row lock alone"])
def test_passes_on_two_hosts_at_once_publish_a_due_page_once(
    transactional_db, monkeypatch, scheduler_log, guard
):
    if guard == "row lock alone":
        monkeypatch.setattr(run_scheduler, "exclusive_pass", no_pass_lock)
    scheduled = scheduled_page(f"two-hosts-{guard.replace(' ', '-')}")
    hosts = Hosts()
    published_by: list[str] = []

    def keep_the_pass_open(sender, instance, **kwargs) -> None:
        if instance.pk != scheduled.page.pk:
            return
        me = threading.current_thread().name
        published_by.append(me)
        # The publishing pass (its transaction, its locks) stays open until the
        # other host's pass has run, so the two passes certainly overlap.
        for name, event in hosts.done.items():
            if name != me:
                event.wait(timeout=WAIT)

    page_published.connect(keep_the_pass_open, weak=False, dispatch_uid="test-two-hosts")
    try:
        with time_machine.travel(scheduled.go_live + dt.timedelta(seconds=1), tick=True):
            barrier = threading.Barrier(len(HOSTS))
            threads = [hosts.start_pass(name, barrier) for name in HOSTS]
            for thread in threads:
                thread.join(timeout=3 * WAIT)
    finally:
        page_published.disconnect(dispatch_uid="test-two-hosts")

    assert not any(thread.is_alive() for thread in threads)
    assert hosts.errors == []
    assert [r for r in scheduler_log.records if r.levelno >= logging.ERROR] == []
    assert len(published_by) == 1, f"page_published fired in {published_by}"
    page = Page.objects.get(pk=scheduled.page.pk)
    assert page.live and page.live_revision_id == scheduled.revision.pk
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").count() == 1
    assert not Revision.objects.filter(
        object_id=str(page.pk), approved_go_live_at__isnull=False
    ).exists()
    outputs = sorted(hosts.output.values())
    assert outputs[0] == "" and "published 1 scheduled revision(s)" in outputs[1]


@pytest.mark.postgres
def test_a_pass_that_finds_the_lock_taken_skips_without_error(transactional_db, scheduler_log):
    scheduled = scheduled_page("lock-taken")
    hosts = Hosts()
    with time_machine.travel(scheduled.go_live + dt.timedelta(seconds=1), tick=True):
        with exclusive_pass() as acquired:  # another host's pass, still running
            assert acquired
            hosts.start_pass(HOSTS[1]).join(timeout=3 * WAIT)
        assert hosts.done[HOSTS[1]].is_set()
        assert hosts.errors == [] and hosts.output[HOSTS[1]] == ""
        assert not Page.objects.get(pk=scheduled.page.pk).live
        assert "skipping" in scheduler_log.text
        assert [r for r in scheduler_log.records if r.levelno >= logging.WARNING] == []

        # At the next tick the lock is free and the page goes live.
        hosts.start_pass(HOSTS[0]).join(timeout=3 * WAIT)
    assert hosts.errors == []
    assert Page.objects.get(pk=scheduled.page.pk).live


def test_the_file_lock_lets_one_pass_through_at_a_time(tmp_path):
    # SQLite's guard (`make run`): a second process, like a second open of the
    # file, does not get the lock while the first holds it.
    path = tmp_path / "db.sqlite3.scheduler-lock"
    with file_lock(path) as first, file_lock(path) as second:
        assert first and not second
    with file_lock(path) as after:
        assert after


@pytest.mark.django_db
def test_a_page_refusing_to_go_live_holds_up_no_other(site_tree, scheduler_log):
    # On PostgreSQL the whole pass is one transaction (the lock's): each
    # revision has its own savepoint, so one failure undoes only itself.
    refusing, other = scheduled_page("refusing"), scheduled_page("other")

    def refuse(sender, instance, **kwargs) -> None:
        if instance.pk == refusing.page.pk:
            raise ValidationError("图片缺少替代文字")

    page_published.connect(refuse, weak=False, dispatch_uid="test-refusing")
    try:
        with time_machine.travel(other.go_live + dt.timedelta(seconds=1), tick=False):
            call_command("run_scheduler", once=True, stdout=StringIO())
    finally:
        page_published.disconnect(dispatch_uid="test-refusing")
    assert not Page.objects.get(pk=refusing.page.pk).live
    assert Page.objects.get(pk=other.page.pk).live
    assert "could not be published" in scheduler_log.text
    # Still due: the next pass tries it again.
    assert Revision.objects.get(pk=refusing.revision.pk).approved_go_live_at is not None


@pytest.mark.django_db
def test_an_expired_page_is_unpublished_once(site_tree):
    page = HomePageFactory.build(title="到期下线", slug="expiring", live=False)
    site_tree.home_zh.add_child(instance=page)
    page.expire_at = timezone.now() + dt.timedelta(minutes=5)
    page.save_revision().publish()
    assert Page.objects.get(pk=page.pk).live

    with time_machine.travel(page.expire_at + dt.timedelta(seconds=1), tick=False):
        call_command("run_scheduler", once=True, stdout=StringIO())
        call_command("run_scheduler", once=True, stdout=StringIO())
    page = Page.objects.get(pk=page.pk)
    assert not page.live and page.expired
    assert PageLogEntry.objects.filter(page=page, action="wagtail.unpublish.scheduled").count() == 1
