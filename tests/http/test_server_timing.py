"""The Server-Timing header: present only when SERVER_TIMING is on, with the
number of SQL queries the request really made, page-cache hits included."""

from __future__ import annotations

import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lifelong_site.caching.page_cache import HIT_HEADER
from lifelong_site.http.server_timing import HEADER

pytestmark = pytest.mark.django_db

FORMAT = re.compile(r'app;dur=(\d+\.\d), db;dur=(\d+\.\d);desc="(\d+) quer(?:y|ies)"')


def timings(response) -> tuple[float, float, int]:
    match = FORMAT.fullmatch(response[HEADER])
    assert match, response[HEADER]
    return float(match[1]), float(match[2]), int(match[3])


def test_the_header_counts_the_queries_the_request_made(client, site_tree, settings):
    settings.SERVER_TIMING = True
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/")
    assert response.status_code == 200
    app_ms, db_ms, queries = timings(response)
    assert queries == len(captured) > 0
    assert 0 < db_ms <= app_ms


def test_the_header_is_absent_when_the_setting_is_off(client, site_tree, settings):
    settings.SERVER_TIMING = False
    response = client.get("/")
    assert response.status_code == 200
    assert HEADER not in response


def test_the_setting_is_read_at_each_request(client, site_tree, settings):
    # The middleware chain is built once per client; the setting still
    # switches the header on and off between two requests.
    settings.SERVER_TIMING = False
    assert HEADER not in client.get("/")
    settings.SERVER_TIMING = True
    assert HEADER in client.get("/")


def test_a_page_cache_hit_shows_no_query(client, site_tree, settings):
    settings.SERVER_TIMING = True
    settings.PAGE_CACHE_SECONDS = 600
    caches["pages"].clear()
    try:
        first = client.get("/")
        second = client.get("/")
    finally:
        caches["pages"].clear()
    assert first[HIT_HEADER] == "miss" and timings(first)[2] > 0
    assert second[HIT_HEADER] == "hit" and timings(second)[2] == 0
    # The stored page does not carry the timings of the request that filled it.
    assert second[HEADER].count("app;dur=") == 1
