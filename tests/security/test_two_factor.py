"""Two-factor sign-in (TOTP) through the real admin: Wagtail's login form,
the enrolment page, the code step and django-otp's own verification and
throttling, with codes computed from the device's secret as an app would."""

from __future__ import annotations

import datetime as dt
import re
from base64 import b32decode
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories.site import TEST_PASSWORD, SuperuserFactory, UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/"
VERIFY = "/admin/two-factor/verify/"
OVERVIEW = "/admin/two-factor/"
REQUIRED_GROUP = "须两步验证的编辑"
# A fixed moment, so time steps and throttle delays are under the test's control.
START = dt.datetime(2026, 5, 11, 9, 0, 7, tzinfo=dt.UTC)


def code_for(device: TOTPDevice) -> str:
    """The code an authenticator app holding this device's secret shows now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def wrong_code_for(device: TOTPDevice) -> str:
    # Distinct from every code the device accepts now (tolerance ±1 step).
    accepted = {
        TOTP(device.bin_key, device.step, device.t0, device.digits, shift).token()
        for shift in (-1, 0, 1)
    }
    return next(f"{n:06d}" for n in range(1_000_000) if n not in accepted)


def editor(username: str = "editor", *groups: Group) -> object:
    user = UserFactory(username=username)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(*groups)
    return user


def enrolled(user: object) -> tuple[TOTPDevice, list[str]]:
    """A user who turned two-factor sign-in on earlier (made directly: the
    enrolment pages have their own tests)."""
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    recovery = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(10)]
    for code in codes:
        recovery.token_set.create(token=code)
    return device, codes


def sign_in_with_password(client: Client, user: object, next_url: str = DASHBOARD) -> None:
    response = client.post(
        "/admin/login/", {"username": user.username, "password": TEST_PASSWORD, "next": next_url}
    )
    assert response.status_code == 302, "the password step failed"
    assert response["Location"] == next_url


def sign_out(client: Client) -> None:
    assert client.post("/admin/logout/").status_code == 302


def location(response) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(response["Location"])
    return parts.path, parse_qs(parts.query)


def errors_of(response) -> str:
    return " ".join(str(error) for error in response.context["form"].errors["code"])


@pytest.fixture
def traveller():
    with time_machine.travel(START, tick=False) as clock:
        yield clock


# --- Enrolment -------------------------------------------------------------------


def test_enrolment_shows_a_qr_code_and_confirms_with_a_current_code(client, traveller):
    user = editor()
    client.force_login(user)
    page = client.get(OVERVIEW)
    assert page.status_code == 200
    assert 'data-two-factor-state="off"' in page.content.decode()

    assert client.post("/admin/two-factor/start/")["Location"] == OVERVIEW
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    page = client.get(OVERVIEW).content.decode()
    assert 'data-two-factor-state="pending"' in page
    assert "<svg" in page and "two-factor-qr" in page
    secret = re.search(r"<code data-two-factor-secret>([A-Z2-7 ]+)</code>", page).group(1)
    # The secret typed by hand is the device's key.
    assert b32decode(secret.replace(" ", "")) == device.bin_key

    refused = client.post("/admin/two-factor/confirm/", {"confirm-code": wrong_code_for(device)})
    assert refused.status_code == 200
    assert "验证码不正确" in refused.content.decode()
    device.refresh_from_db()
    assert not device.confirmed

    traveller.shift(dt.timedelta(seconds=3))  # past the one-second wait after a failure
    confirmed = client.post("/admin/two-factor/confirm/", {"confirm-code": code_for(device)})
    assert confirmed.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    shown = re.findall(
        r"<li><code>([a-z2-7]{4}-[a-z2-7]{4})</code></li>", confirmed.content.decode()
    )
    assert len(shown) == 10
    stored = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert {code.replace("-", "") for code in shown} == stored
    # This session showed the code, so the admin is open.
    assert client.get(DASHBOARD).status_code == 200
    assert 'data-two-factor-state="on"' in client.get(OVERVIEW).content.decode()


def test_starting_again_replaces_an_unconfirmed_secret(client):
    user = editor()
    client.force_login(user)
    client.post("/admin/two-factor/start/")
    first = TOTPDevice.objects.get(user=user)
    client.post("/admin/two-factor/start/")
    second = TOTPDevice.objects.get(user=user)
    assert first.pk != second.pk and first.key != second.key


def test_full_round_trip_enrol_then_sign_in_again_needs_a_code(client, traveller):
    user = editor()
    sign_in_with_password(client, user)
    assert client.get(DASHBOARD).status_code == 200  # not enrolled: password alone
    client.post("/admin/two-factor/start/")
    device = TOTPDevice.objects.get(user=user)
    assert (
        client.post("/admin/two-factor/confirm/", {"confirm-code": code_for(device)}).status_code
        == 200
    )
    sign_out(client)

    traveller.shift(dt.timedelta(minutes=5))  # a later time step: a code works once only
    sign_in_with_password(client, user, "/admin/pages/")
    held = client.get("/admin/pages/")
    path, query = location(held)
    assert (path, query["next"]) == (VERIFY, ["/admin/pages/"])
    assert client.get(DASHBOARD)["Location"].startswith(VERIFY)

    page = client.get(VERIFY, {"next": "/admin/pages/"})
    assert page.status_code == 200
    assert 'name="next" value="/admin/pages/"' in page.content.decode()
    done = client.post(VERIFY, {"code": code_for(device), "next": "/admin/pages/"})
    assert done["Location"] == "/admin/pages/"
    assert client.get(DASHBOARD).status_code == 200


def test_turning_two_factor_off_needs_a_current_code(client, traveller):
    user = editor()
    device, _ = enrolled(user)
    client.force_login(user)
    client.post(VERIFY, {"code": code_for(device)})
    traveller.shift(dt.timedelta(seconds=40))

    refused = client.post("/admin/two-factor/disable/", {"disable-code": wrong_code_for(device)})
    assert refused.status_code == 200
    assert "验证码不正确" in refused.content.decode()
    assert TOTPDevice.objects.filter(user=user).exists()

    traveller.shift(dt.timedelta(seconds=3))
    assert (
        client.post("/admin/two-factor/disable/", {"disable-code": code_for(device)})["Location"]
        == OVERVIEW
    )
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert client.get(DASHBOARD).status_code == 200


def test_new_recovery_codes_replace_the_old_ones(client, traveller):
    user = editor()
    device, old_codes = enrolled(user)
    client.force_login(user)
    client.post(VERIFY, {"code": old_codes[0]})  # verified with a recovery code
    traveller.shift(dt.timedelta(seconds=40))
    response = client.post("/admin/two-factor/recovery-codes/", {"recovery-code": code_for(device)})
    assert response.status_code == 200
    stored = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(stored) == 10 and not stored & set(old_codes)
    # The recovery device was kept, so the session it verified still counts.
    assert client.get(DASHBOARD).status_code == 200


# --- The code step at sign-in ------------------------------------------------------


def test_password_alone_does_not_open_the_admin_and_a_wrong_code_is_refused(client, traveller):
    user = editor()
    device, _ = enrolled(user)
    sign_in_with_password(client, user)
    for url in (DASHBOARD, "/admin/pages/", OVERVIEW, "/admin/account/"):
        assert location(client.get(url))[0] == VERIFY, url
    # Turning two-factor off from a half-signed-in session is not possible either.
    assert (
        location(client.post("/admin/two-factor/disable/", {"disable-code": "000000"}))[0] == VERIFY
    )

    refused = client.post(VERIFY, {"code": wrong_code_for(device), "next": DASHBOARD})
    assert refused.status_code == 200
    assert "验证码不正确" in errors_of(refused)
    assert location(client.get(DASHBOARD))[0] == VERIFY

    traveller.shift(dt.timedelta(seconds=3))
    assert (
        client.post(VERIFY, {"code": code_for(device), "next": DASHBOARD})["Location"] == DASHBOARD
    )
    assert client.get(DASHBOARD).status_code == 200


def test_signing_out_and_the_sign_in_page_stay_reachable(client):
    user = editor()
    enrolled(user)
    sign_in_with_password(client, user)
    assert client.get("/admin/jsi18n/").status_code == 200
    logged_out = client.post("/admin/logout/")
    assert logged_out["Location"] == "/admin/login/"
    assert client.get(DASHBOARD)["Location"].startswith("/admin/login/")


def test_a_recovery_code_works_once(client):
    user = editor()
    _, codes = enrolled(user)
    sign_in_with_password(client, user)
    typed = f"{codes[0][:4]}-{codes[0][4:]}".upper()  # as printed, in capitals
    assert client.post(VERIFY, {"code": typed, "next": DASHBOARD})["Location"] == DASHBOARD
    assert client.get(DASHBOARD).status_code == 200
    assert StaticToken.objects.filter(device__user=user).count() == 9
    sign_out(client)

    sign_in_with_password(client, user)
    again = client.post(VERIFY, {"code": codes[0], "next": DASHBOARD})
    assert again.status_code == 200
    assert location(client.get(DASHBOARD))[0] == VERIFY


def test_throttling_refuses_even_the_right_code_after_wrong_ones(client, traveller):
    user = editor()
    device, _ = enrolled(user)
    sign_in_with_password(client, user)
    wrong = wrong_code_for(device)
    # Each failure doubles the wait (1, 2, 4 s); attempts inside a wait are not even checked.
    for wait in (0, 1.5, 2.5):
        traveller.shift(dt.timedelta(seconds=wait))
        assert client.post(VERIFY, {"code": wrong}).status_code == 200
    device.refresh_from_db()
    assert device.throttling_failure_count == 3

    traveller.shift(dt.timedelta(seconds=1))
    refused = client.post(VERIFY, {"code": code_for(device), "next": DASHBOARD})
    assert refused.status_code == 200
    assert "错误次数过多" in errors_of(refused)
    assert location(client.get(DASHBOARD))[0] == VERIFY

    traveller.shift(dt.timedelta(seconds=4))  # the four-second wait is over
    assert (
        client.post(VERIFY, {"code": code_for(device), "next": DASHBOARD})["Location"] == DASHBOARD
    )
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/admin/", "javascript:alert(1)"]
)
def test_next_cannot_lead_off_the_site(client, target):
    user = editor()
    device, _ = enrolled(user)
    sign_in_with_password(client, user)
    page = client.get(VERIFY, {"next": target})
    assert (
        "evil.example" not in page.content.decode() and "javascript:" not in page.content.decode()
    )
    response = client.post(VERIFY, {"code": code_for(device), "next": target})
    assert response["Location"] == DASHBOARD


def test_verify_page_without_a_device_goes_straight_on(client):
    user = editor()
    client.force_login(user)
    assert client.get(VERIFY, {"next": "/admin/pages/"})["Location"] == "/admin/pages/"


# --- Who must use it -------------------------------------------------------------------


def test_not_required_and_not_enrolled_goes_straight_to_the_dashboard(client):
    user = editor()
    sign_in_with_password(client, user)
    assert client.get(DASHBOARD).status_code == 200
    assert client.get("/admin/account/").status_code == 200


@override_settings(REQUIRE_2FA_GROUPS=[REQUIRED_GROUP])
def test_required_group_without_a_device_is_sent_to_enrolment_until_enrolled(client, traveller):
    user = editor("provincial", Group.objects.create(name=REQUIRED_GROUP))
    sign_in_with_password(client, user)
    for url in (DASHBOARD, "/admin/pages/", "/admin/account/"):
        assert client.get(url)["Location"] == OVERVIEW, url
    page = client.get(OVERVIEW)
    assert page.status_code == 200
    assert "您所在的用户组要求使用两步验证" in page.content.decode()

    client.post("/admin/two-factor/start/")
    device = TOTPDevice.objects.get(user=user)
    assert client.get(DASHBOARD)["Location"] == OVERVIEW  # scanned but not confirmed: still held
    assert (
        client.post("/admin/two-factor/confirm/", {"confirm-code": code_for(device)}).status_code
        == 200
    )
    assert client.get(DASHBOARD).status_code == 200
    # Others are not affected by the group rule.
    other = Client()
    other.force_login(editor("other"))
    assert other.get(DASHBOARD).status_code == 200


@override_settings(REQUIRE_2FA_GROUPS=[REQUIRED_GROUP])
def test_required_user_can_still_sign_out(client):
    user = editor("provincial", Group.objects.create(name=REQUIRED_GROUP))
    client.force_login(user)
    assert client.post("/admin/logout/")["Location"] == "/admin/login/"


@override_settings(REQUIRE_2FA_FOR_SUPERUSERS=True)
def test_superusers_can_be_required_to_enrol(client):
    client.force_login(SuperuserFactory(username="chief"))
    assert client.get(DASHBOARD)["Location"] == OVERVIEW
    client.force_login(editor())
    assert client.get(DASHBOARD).status_code == 200


# --- Lost phone: administrators remove the devices ---------------------------------------


def test_account_page_links_to_two_factor(client):
    client.force_login(editor())
    assert f'href="{OVERVIEW}"' in client.get("/admin/account/").content.decode()


def test_administrator_resets_a_users_devices_in_the_admin(client):
    user = editor()
    enrolled(user)
    administrator = SuperuserFactory(username="chief")
    client.force_login(administrator)
    reset_url = f"/admin/two-factor/users/{user.pk}/reset/"
    assert reset_url in client.get("/admin/users/").content.decode()
    assert client.get(reset_url).status_code == 200
    assert client.post(reset_url).status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()


def test_an_editor_cannot_reset_someone_elses_devices(client):
    victim = editor("victim")
    enrolled(victim)
    client.force_login(editor())
    refused = client.post(f"/admin/two-factor/users/{victim.pk}/reset/")
    # Wagtail turns the refusal into a redirect to the dashboard with a message.
    assert refused.status_code in (302, 403) and refused.get("Location", DASHBOARD) == DASHBOARD
    assert TOTPDevice.objects.filter(user=victim).exists()


def test_reset_two_factor_command_removes_the_devices(client):
    user = editor()
    enrolled(user)
    call_command("reset_two_factor", user.username)
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    sign_in_with_password(client, user)
    assert client.get(DASHBOARD).status_code == 200  # the password alone again
    with pytest.raises(CommandError):
        call_command("reset_two_factor", "nobody-by-this-name")
