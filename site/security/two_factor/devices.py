"""A user's second factor: one authenticator app (TOTP) and a sheet of
one-time recovery codes, both django-otp devices.

Every check goes through the device's own `verify_token`, so django-otp's
throttling applies: each failure doubles the wait before the next attempt
is even looked at (1, 2, 4, 8 … seconds), and a throttled attempt does not
count, so guessing a six-digit code is hopeless while a user who mistyped
waits a second or two. The two devices are throttled separately; a recovery
code has 40 random bits, so guessing those is no shortcut.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

logger = logging.getLogger(__name__)

RECOVERY_CODE_COUNT = 10
# Device names are stored data, not interface text, so they are not translated.
AUTHENTICATOR_NAME = "authenticator"
RECOVERY_CODES_NAME = "recovery codes"


@dataclass(frozen=True)
class Attempt:
    """The result of checking a code: the device that accepted it, or why not."""

    device: Device | None = None
    # Set when the code was not even looked at because of earlier failures.
    locked_until: datetime | None = None

    @property
    def accepted(self) -> bool:
        return self.device is not None


def normalise_code(value: str) -> str:
    """Codes are typed with spaces or hyphens ("123 456", "abcd-efgh") and in
    either case; the devices store digits and lower-case base32."""
    return "".join(value.split()).replace("-", "").lower()


def has_confirmed_device(user: AbstractBaseUser) -> bool:
    return user_has_device(user, confirmed=True)


def authenticator(user: AbstractBaseUser, *, confirmed: bool = True) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=confirmed).order_by("pk").first()


def recovery_codes_left(user: AbstractBaseUser) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def start_enrolment(user: AbstractBaseUser) -> TOTPDevice:
    """A fresh, unconfirmed authenticator. An earlier unfinished enrolment is
    dropped, so only the secret now on screen can ever be confirmed."""
    with transaction.atomic():
        TOTPDevice.objects.devices_for_user(user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def confirm_enrolment(user: AbstractBaseUser, code: str) -> tuple[Attempt, list[str]]:
    """Confirm the pending authenticator with a code it shows now. On success
    it becomes the user's only authenticator and a new sheet of recovery
    codes replaces any old one; the codes are returned to be shown once."""
    with transaction.atomic():
        device = (
            TOTPDevice.objects.devices_for_user(user, confirmed=False).select_for_update().first()
        )
        attempt = _check(device, code)
        if not attempt.accepted:
            return attempt, []
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        codes = _replace_recovery_codes(user)
    logger.info("Two-factor sign-in turned on for user %s", user.pk)
    return attempt, codes


def verify(user: AbstractBaseUser, code: str) -> Attempt:
    """Check a code from the authenticator app or a recovery code (which is
    used up). Digits of the authenticator's length go to the authenticator,
    anything else to the recovery codes, so one typo costs one throttle step
    on one device only."""
    code = normalise_code(code)
    totp = authenticator(user)
    looks_like_totp = code.isdigit() and totp is not None and len(code) == totp.digits
    model: type[Device] = TOTPDevice if looks_like_totp else StaticDevice
    with transaction.atomic():
        # Locked for the check, so two simultaneous requests cannot both use
        # one code or both slip past the throttle.
        device = model.objects.devices_for_user(user, confirmed=True).select_for_update().first()
        return _check(device, code)


def replace_recovery_codes(user: AbstractBaseUser) -> list[str]:
    with transaction.atomic():
        return _replace_recovery_codes(user)


def remove_all_devices(user: AbstractBaseUser) -> int:
    """Turn two-factor sign-in off: every device, confirmed or not, goes.
    Sessions verified by them stop counting as verified (OTPMiddleware finds
    the device gone)."""
    removed = 0
    with transaction.atomic():
        for device in list(devices_for_user(user, confirmed=None)):
            device.delete()
            removed += 1
    if removed:
        logger.info("Two-factor devices of user %s removed (%d)", user.pk, removed)
    return removed


def _check(device: Device | None, code: str) -> Attempt:
    if device is None:
        return Attempt()
    allowed, details = device.verify_is_allowed()
    if not allowed:
        return Attempt(locked_until=(details or {}).get("locked_until"))
    if device.verify_token(normalise_code(code)):
        return Attempt(device=device)
    return Attempt()


def _replace_recovery_codes(user: AbstractBaseUser) -> list[str]:
    # The device itself is kept (only its tokens change): a session verified
    # with a recovery code stays verified.
    device = StaticDevice.objects.devices_for_user(user, confirmed=None).order_by("pk").first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES_NAME, confirmed=True)
    elif not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def format_recovery_code(code: str) -> str:
    """ "abcdefgh" → "abcd-efgh": easier to copy by hand; the hyphen is ignored
    when the code is typed back."""
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code
