"""Structured error logs: one JSON object per line, with the request's id.

Every request gets an id (the reverse proxy's X-Request-ID when it sends a
well-formed one, otherwise a new one), returned in the X-Request-ID response
header and put on every log record made while the request runs. An editor
who reports "the page said error" can give the id from the browser's network
panel, and the log line is found at once.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import traceback
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from django.http import HttpRequest, HttpResponse

REQUEST_ID_HEADER = "X-Request-ID"
_WELL_FORMED_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_current_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "current_request", default=None
)


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        # A client-chosen id is only echoed when harmless: no markup, no newlines in logs.
        request_id = incoming if _WELL_FORMED_ID.match(incoming) else uuid.uuid4().hex
        # Our own attribute on the request (read by RequestContextFilter);
        # HttpRequest's stubs cannot know it.
        request.request_id = request_id  # type: ignore[attr-defined]
        token = _current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            _current_request.reset(token)
        response.headers[REQUEST_ID_HEADER] = request_id
        return response


class RequestContextFilter(logging.Filter):
    """Adds the running request's id, method, path and user to each record."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None) or _current_request.get()
        record.request_id = "-"  # the text format names it on every line
        if isinstance(request, HttpRequest):
            record.request_id = getattr(request, "request_id", "")
            record.http_method = request.method
            record.http_path = request.path
            user = getattr(request, "user", None)
            record.user_id = user.pk if user is not None and user.is_authenticated else None
        return True


class JsonFormatter(logging.Formatter):
    FIELDS = ("request_id", "http_method", "http_path", "status_code", "user_id")

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in self.FIELDS:
            value = getattr(record, field, None)
            if value not in (None, "", "-"):
                entry[field] = value
        if record.exc_info and record.exc_info[0] is not None:
            entry["error"] = record.exc_info[0].__name__
            entry["traceback"] = "".join(traceback.format_exception(*record.exc_info))
        # ensure_ascii off: Chinese messages stay readable in the log.
        return json.dumps(entry, ensure_ascii=False, default=str)
