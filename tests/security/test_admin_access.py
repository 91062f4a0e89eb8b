"""The admin only on its own host name and to listed networks."""

from __future__ import annotations

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(ADMIN_HOSTS=["admin.lifelong.example.cn"])
def test_the_admin_answers_only_on_its_host(client, site_tree):
    public = client.get("/admin/login/", HTTP_HOST="www.lifelong.example.cn")
    assert public.status_code == 404
    assert b"login" not in public.content.lower()
    assert client.get("/admin/login/", HTTP_HOST="admin.lifelong.example.cn").status_code == 200
    # A sign-in attempt on the public host never reaches the form.
    assert (
        client.post(
            "/admin/login/", {"username": "a", "password": "b"}, HTTP_HOST="www.lifelong.example.cn"
        ).status_code
        == 404
    )
    # The public site is unaffected on its host.
    assert client.get("/", HTTP_HOST="www.lifelong.example.cn").status_code == 200


@override_settings(ADMIN_ALLOWED_NETWORKS=["10.20.0.0/16", "2001:db8::/32"])
def test_the_admin_answers_only_to_listed_networks(client, site_tree):
    assert client.get("/admin/login/", REMOTE_ADDR="10.20.3.4").status_code == 200
    assert client.get("/admin/login/", REMOTE_ADDR="2001:db8::5").status_code == 200
    assert client.get("/admin/login/", REMOTE_ADDR="203.0.113.9").status_code == 404
    assert client.get("/", REMOTE_ADDR="203.0.113.9").status_code == 200


@override_settings(ADMIN_ALLOWED_NETWORKS=["10.20.0.0/16"], CLIENT_IP_HEADER="X-Real-IP")
def test_behind_the_proxy_the_network_check_reads_its_header(client, site_tree):
    assert (
        client.get("/admin/login/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="10.20.3.4").status_code
        == 200
    )
    assert (
        client.get(
            "/admin/login/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.9"
        ).status_code
        == 404
    )
    assert (
        client.get(
            "/admin/login/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="not-an-address"
        ).status_code
        == 404
    )


def test_without_lists_the_admin_is_reachable(client, site_tree):
    assert client.get("/admin/login/").status_code == 200
