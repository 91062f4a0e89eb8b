"""Error views for the whole site."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.defaults import server_error as django_server_error


def server_error(request: HttpRequest) -> HttpResponse:
    return django_server_error(request)
