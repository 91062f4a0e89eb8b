"""Structured error logs: a server error is one JSON line naming the request."""

from __future__ import annotations

import io
import json
import logging

import pytest
from django.test import override_settings
from django.urls import path

from lifelong_site.http.request_log import JsonFormatter, RequestContextFilter
from lifelong_site.urls import urlpatterns as site_urlpatterns

pytestmark = pytest.mark.django_db


def failing_view(request):
    raise RuntimeError("演示错误 in a view")


urlpatterns = [path("boom/", failing_view), *site_urlpatterns]


@pytest.fixture
def json_log() -> io.StringIO:
    """The request logger writing through the production formatter and filter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestContextFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield stream
    logger.removeHandler(handler)


@override_settings(ROOT_URLCONF=__name__)
def test_a_server_error_is_one_json_line_with_the_request_id(client, site_tree, json_log):
    client.raise_request_exception = False
    response = client.get("/boom/?q=1", HTTP_X_REQUEST_ID="proxy-4f2a9c1e")
    assert response.status_code == 500
    assert response["X-Request-ID"] == "proxy-4f2a9c1e"
    lines = [line for line in json_log.getvalue().splitlines() if line.strip()]
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["level"] == "ERROR" and entry["logger"] == "django.request"
    assert entry["request_id"] == "proxy-4f2a9c1e"
    assert entry["http_method"] == "GET" and entry["http_path"] == "/boom/"
    assert entry["status_code"] == 500
    assert entry["error"] == "RuntimeError"
    assert "演示错误 in a view" in entry["traceback"]  # readable, not \\u-escaped


def test_a_malformed_incoming_id_is_replaced(client, site_tree):
    response = client.get("/", HTTP_X_REQUEST_ID="<script>\nforged")
    assert response.status_code == 200
    assert len(response["X-Request-ID"]) == 32 and "<" not in response["X-Request-ID"]


def test_records_outside_a_request_have_no_request_fields():
    record = logging.LogRecord("lifelong_site", logging.WARNING, __file__, 1, "plain", None, None)
    RequestContextFilter().filter(record)
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "plain" and "request_id" not in entry
