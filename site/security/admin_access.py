"""Serve the admin only on its own host names and to listed networks.

ADMIN_HOSTS (e.g. admin.lifelong.example.gov.cn) keeps the admin off the
public host, where the reverse proxy may then refuse /admin/ outright;
ADMIN_ALLOWED_NETWORKS (CIDR, e.g. the ministry's intranet) keeps it from
the internet. A refused request gets the site's plain 404, before sessions or
the database are touched, so the admin's existence is not advertised and a
flood of admin requests costs nothing.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from functools import cached_property

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound

from .client_ip import client_ip

# Everything that signs in or edits. Shared-draft previews (/preview/<token>/)
# stay public: they are read by reviewers outside the admin network.
ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")


class AdminAccessMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    @cached_property
    def hosts(self) -> set[str]:
        return {host.lower() for host in settings.ADMIN_HOSTS}

    @cached_property
    def networks(self) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
        return [
            ipaddress.ip_network(item, strict=False) for item in settings.ADMIN_ALLOWED_NETWORKS
        ]

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(ADMIN_PATH_PREFIXES) and not self.admin_allowed(request):
            return HttpResponseNotFound(b"Not Found", content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    def admin_allowed(self, request: HttpRequest) -> bool:
        if self.hosts and request.get_host().split(":")[0].lower() not in self.hosts:
            return False
        if self.networks:
            try:
                address = ipaddress.ip_address(client_ip(request))
            except ValueError:
                return False
            return any(address in network for network in self.networks)
        return True
