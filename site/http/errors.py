"""Error views for the whole site.

A lost database is not a bug in the site: PostgreSQL restarting, failing over
or refusing connections makes every page fail at once. Readers then get a 503
with a retry hint (and crawlers and the reverse proxy know to come back rather
than record an error), instead of the generic 500 page.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import TemplateDoesNotExist, loader
from django.utils.cache import add_never_cache_headers
from django.views.defaults import server_error as django_server_error

# Seconds a client should wait before trying again: about how long PostgreSQL
# takes to come back after a restart or a fail-over.
RETRY_AFTER_SECONDS = 30

# How far down the chain of causes to look. A database error re-raised as
# another exception (a template tag, a library) is still an outage; the bound
# only guards against a pathological self-referencing chain.
MAX_CAUSE_DEPTH = 8


def database_unavailable(error: BaseException | None) -> bool:
    """Whether ``error``, or an exception it was raised from, says that the
    database cannot be reached. Django wraps psycopg's errors in its own
    classes, so these two cover a refused connection, a server that went away
    mid-query and a connection already closed."""
    depth = 0
    while error is not None and depth < MAX_CAUSE_DEPTH:
        if isinstance(error, (OperationalError, InterfaceError)):
            return True
        error = error.__cause__ or error.__context__
        depth += 1
    return False


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls handler500 inside its `except` block, so the exception being
    # handled is still the current one here.
    if database_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    return django_server_error(request)


def service_unavailable(request: HttpRequest) -> HttpResponse:
    """The friendly 503 page. Rendered without a request context: context
    processors (site settings, the signed-in user) would query the database
    that has just failed."""
    try:
        body = loader.get_template("503.html").render()
    except TemplateDoesNotExist:
        body = (
            "<!DOCTYPE html><title>503 Service Unavailable</title><h1>503 Service Unavailable</h1>"
        )
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # A cache in front must not keep the outage page once the database is back.
    add_never_cache_headers(response)
    return response
