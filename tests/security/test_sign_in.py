"""Admin sign-in: lock-out after repeated failures (django-axes), strong
passwords, sessions that end."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from tests.factories.site import TEST_PASSWORD, SuperuserFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = "/admin/login/"


def sign_in(client, username: str, password: str, address: str = "203.0.113.7", **headers):
    return client.post(
        LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def signed_in(response) -> bool:
    return response.status_code == 302 and not response["Location"].startswith(LOGIN_URL)


def fail_five_times(client, username: str, address: str = "203.0.113.7") -> None:
    for _ in range(4):
        response = sign_in(client, username, "wrong-password", address)
        assert response.status_code == 200  # the form again, with its error
    # The fifth failure locks at once.
    assert sign_in(client, username, "wrong-password", address).status_code == 429


def test_five_failures_lock_the_account_even_with_the_right_password(client, site_tree):
    editor = SuperuserFactory(username="editor")
    fail_five_times(client, "editor")
    response = sign_in(client, "editor", TEST_PASSWORD)
    assert response.status_code == 429
    assert "登录已暂停" in response.content.decode()
    assert "15 分钟" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
    assert AccessAttempt.objects.get(username=editor.username).failures_since_start >= 5


def test_the_lock_covers_the_account_from_another_address_and_the_address_for_other_accounts(
    client, site_tree
):
    SuperuserFactory(username="editor")
    SuperuserFactory(username="reviewer")
    fail_five_times(client, "editor", address="203.0.113.7")
    # Credential stuffing moves between addresses: the account stays locked.
    assert sign_in(client, "editor", TEST_PASSWORD, address="198.51.100.20").status_code == 429
    # Password spraying moves between accounts: the address stays locked.
    assert sign_in(client, "reviewer", TEST_PASSWORD, address="203.0.113.7").status_code == 429
    # Anyone else is unaffected.
    assert signed_in(sign_in(client, "reviewer", TEST_PASSWORD, address="198.51.100.20"))


def test_the_lock_lifts_after_the_cool_off(client, site_tree):
    SuperuserFactory(username="editor")
    fail_five_times(client, "editor")
    assert sign_in(client, "editor", TEST_PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=16), tick=False):
        assert signed_in(sign_in(client, "editor", TEST_PASSWORD))


def test_fewer_failures_then_success_reset_the_count(client, site_tree):
    SuperuserFactory(username="editor")
    for _ in range(4):
        sign_in(client, "editor", "wrong-password")
    assert signed_in(sign_in(client, "editor", TEST_PASSWORD))
    client.logout()
    for _ in range(4):
        sign_in(client, "editor", "wrong-password")
    assert signed_in(sign_in(client, "editor", TEST_PASSWORD))


@override_settings(CLIENT_IP_HEADER="X-Real-IP")
def test_behind_the_proxy_the_address_comes_from_its_header(client, site_tree):
    SuperuserFactory(username="editor")
    SuperuserFactory(username="reviewer")
    for _ in range(5):
        sign_in(
            client, "editor", "wrong-password", address="127.0.0.1", HTTP_X_REAL_IP="203.0.113.7"
        )
    # Same proxy address, another client: not locked by the first client's failures.
    assert signed_in(
        sign_in(
            client, "reviewer", TEST_PASSWORD, address="127.0.0.1", HTTP_X_REAL_IP="198.51.100.20"
        )
    )
    assert AccessAttempt.objects.filter(ip_address="203.0.113.7").exists()
    assert not AccessAttempt.objects.filter(ip_address="127.0.0.1").exists()


def test_without_a_configured_header_a_forged_one_is_ignored(client, site_tree):
    SuperuserFactory(username="editor")
    for attempt in range(5):
        sign_in(client, "editor", "wrong-password", HTTP_X_REAL_IP=f"192.0.2.{attempt}")
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"


@pytest.mark.parametrize("weak", ["12345678901234", "password1234", "短密码", "editor-editor"])
def test_weak_passwords_are_refused(weak):
    from django.contrib.auth import get_user_model

    user = get_user_model()(username="editor-editor", email="editor@example.cn")
    with pytest.raises(ValidationError):
        validate_password(weak, user)


def test_a_long_random_passphrase_is_accepted():
    validate_password("湖畔 读书 2024 lantern-quiet")


def test_the_admin_user_form_refuses_a_weak_password(admin_client, site_tree):
    from django.contrib.auth import get_user_model

    response = admin_client.post(
        "/admin/users/new/",
        {
            "username": "newcomer",
            "email": "newcomer@example.cn",
            "first_name": "新",
            "last_name": "编辑",
            "password1": "123456",
            "password2": "123456",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert any("12" in message for messages in errors.values() for message in messages), errors
    assert not get_user_model().objects.filter(username="newcomer").exists()


def test_a_session_ends_after_a_working_day_and_with_the_browser(client, site_tree):
    SuperuserFactory(username="editor")
    response = sign_in(client, "editor", TEST_PASSWORD)
    assert signed_in(response)
    session_cookie = response.cookies["sessionid"]
    # No Max-Age/Expires: the browser forgets the session when it closes.
    assert not session_cookie["max-age"] and not session_cookie["expires"]
    assert session_cookie["httponly"] and session_cookie["samesite"] == "Lax"
    assert client.get("/admin/").status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(hours=10, minutes=1), tick=False):
        response = client.get("/admin/")
        assert response.status_code == 302 and response["Location"].startswith(LOGIN_URL)


def test_a_get_of_the_sign_out_address_asks_and_leaves_the_session_whole(client, site_tree):
    """Wagtail's logout deleted the cookie on the 405 a GET gets, while the
    session stayed valid on the server."""
    from django.contrib.sessions.models import Session

    client.force_login(SuperuserFactory(username="editor"))
    key = client.session.session_key
    asked = client.get("/admin/logout/")
    assert asked.status_code == 200 and "确定要退出内容管理系统吗" in asked.content.decode()
    assert "sessionid" not in asked.cookies or asked.cookies["sessionid"].value == key
    assert client.get("/admin/").status_code == 200  # still signed in
    signed_out = client.post("/admin/logout/")
    assert signed_out.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get("/admin/").status_code == 302  # to the sign-in page
