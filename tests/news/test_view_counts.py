"""View counts in batches (news.view_counts): beacons do not write one row
update each; batches add up across processes; a failed batch is kept."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news import view_counts
from news.models import PageViewCount
from news.view_counts import ViewCountBuffer, write_views
from tests.factories.news import PressReleasePageFactory

pytestmark = pytest.mark.django_db


def writes(queries: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]


@pytest.fixture
def batched(settings, monkeypatch):
    """A fresh buffer that writes every minute or at 50 views."""
    settings.VIEW_COUNT_FLUSH_SECONDS = 60
    settings.VIEW_COUNT_FLUSH_VIEWS = 50
    fresh = ViewCountBuffer()
    monkeypatch.setattr(view_counts, "buffer", fresh)
    monkeypatch.setattr("news.views.buffer", fresh)
    return fresh


def test_forty_beacons_write_nothing_until_the_batch_and_count_all(client, news_tree, batched):
    release = PressReleasePageFactory(parent=news_tree.news)
    url = f"/api/views/{release.pk}/"
    with CaptureQueriesContext(connection) as queries:
        numbers = [
            client.post(url, REMOTE_ADDR=f"198.51.100.{n}").json()["views"] for n in range(1, 41)
        ]
    assert writes(queries) == []
    # The reader sees the views this process holds, in order.
    assert numbers == list(range(1, 41))
    assert not PageViewCount.objects.filter(page_id=release.pk).exists()
    assert batched.flush() == 40
    assert PageViewCount.objects.get(page_id=release.pk).views == 40
    assert client.post(url, REMOTE_ADDR="198.51.100.41").json()["views"] == 41


def test_the_batch_is_written_once_enough_views_wait(client, news_tree, batched):
    release = PressReleasePageFactory(parent=news_tree.news)
    url = f"/api/views/{release.pk}/"
    for n in range(1, 51):
        client.post(url, REMOTE_ADDR=f"203.0.113.{n}")
    assert PageViewCount.objects.get(page_id=release.pk).views == 50
    assert batched.pending(release.pk) == 0


def test_batches_from_two_processes_add_up(news_tree):
    one = PressReleasePageFactory(parent=news_tree.news)
    two = PressReleasePageFactory(parent=news_tree.news)
    write_views(Counter({one.pk: 3, two.pk: 1}))  # the first server's batch
    write_views(Counter({one.pk: 4}))  # the second's
    totals = dict(PageViewCount.objects.values_list("page_id", "views"))
    assert totals == {one.pk: 7, two.pk: 1}


def test_a_failed_batch_is_kept_for_the_next(news_tree, batched, monkeypatch, caplog):
    release = PressReleasePageFactory(parent=news_tree.news)
    batched.add(release.pk)
    batched.add(release.pk)

    def database_gone(batch):
        raise RuntimeError("connection lost")

    monkeypatch.setattr(view_counts, "write_views", database_gone)
    assert batched.flush() == 0
    assert batched.pending(release.pk) == 2
    assert "kept for the next batch" in caplog.text
    monkeypatch.undo()
    assert batched.flush() == 2
    assert PageViewCount.objects.get(page_id=release.pk).views == 2
