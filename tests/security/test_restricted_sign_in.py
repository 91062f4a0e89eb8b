"""Signing in to read a sign-in-only page goes through the admin's door: its
host and network allow-list, its lock-out and rate limit, its two-factor step.

Wagtail's own form at /_util/login/ took a password alone on the public host;
and a session that had passed the password but not the code step could read
every sign-in-only page.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import override_settings
from wagtail.models import PageViewRestriction

from tests.factories.news import PressReleasePageFactory
from tests.factories.site import TEST_PASSWORD, SuperuserFactory, UserFactory
from tests.security.test_two_factor import enrolled, sign_in_with_password

pytestmark = pytest.mark.django_db

INTERNAL_TITLE = "内部通报：活动周筹备进度"


@pytest.fixture
def internal_page(news_tree):
    """A release readable by signed-in users only."""
    page = PressReleasePageFactory(parent=news_tree.news, title=INTERNAL_TITLE)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


def target(response) -> tuple[str, str]:
    parts = urlsplit(response["Location"])
    return parts.path, parse_qs(parts.query).get("next", [""])[0]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_restricted_page_sign_in_sends_readers_to_the_admins_sign_in(client, site_tree, prefix):
    response = client.get(f"{prefix}/_util/login/", {"next": "/news/internal/"})
    assert response.status_code == 302
    assert target(response) == ("/admin/login/", "/news/internal/")
    # Not an open redirect.
    assert target(client.get("/_util/login/", {"next": "https://evil.example/"})) == (
        "/admin/login/",
        "/",
    )


def test_the_old_form_no_longer_takes_a_password(client, site_tree):
    SuperuserFactory(username="editor")
    response = client.post("/_util/login/", {"username": "editor", "password": TEST_PASSWORD})
    assert response.status_code == 405
    assert "_auth_user_id" not in client.session


def test_a_sign_in_only_page_leads_to_the_admins_sign_in(client, internal_page):
    response = client.get(internal_page.url, follow=True)
    assert response.redirect_chain[-1][0].startswith("/admin/login/")
    assert INTERNAL_TITLE not in response.content.decode()


@override_settings(ADMIN_HOSTS=["admin.lifelong.example"])
def test_on_the_public_host_the_admins_host_policy_applies(client, internal_page):
    """With the admin on its own host, the public host has no sign-in at all."""
    response = client.get(internal_page.url, follow=True)
    assert response.status_code == 404
    assert response.redirect_chain[-1][0].startswith("/admin/login/")
    refused = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert refused.status_code == 404


def test_a_password_without_the_code_step_reads_nothing_restricted(client, internal_page):
    reader = UserFactory(username="staff-reader")
    enrolled(reader)
    sign_in_with_password(client, reader, next_url=internal_page.url)
    response = client.get(internal_page.url)
    assert response.status_code == 302 and INTERNAL_TITLE not in response.content.decode()
    # The door sends a half-signed-in reader to the code step, not round in a loop.
    door = client.get(response["Location"])
    assert target(door) == ("/admin/two-factor/verify/", internal_page.url)


def test_a_fully_signed_in_reader_reads_the_page(client, internal_page):
    reader = UserFactory(username="staff-reader")
    client.force_login(reader)
    response = client.get(internal_page.url)
    assert response.status_code == 200 and INTERNAL_TITLE in response.content.decode()
