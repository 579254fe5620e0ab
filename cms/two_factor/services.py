"""Set-up, verification, backup codes and reset of two-factor login.

A user has at most one TOTP device (an authenticator app) and one static
device holding single-use backup codes. django-otp keeps the state that
matters for security on the devices: a TOTP code is accepted once (the
device remembers the last time step used), a backup code is deleted when
used, and every failure doubles the wait before the next try (throttling).
"""

from base64 import b32encode
from dataclasses import dataclass
from datetime import datetime

from django_otp.models import VerifyNotAllowed
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.db import transaction

from wagtail.log_actions import log

from cms.two_factor.policy import backup_code_count

TOTP_DEVICE_NAME = "authenticator"
BACKUP_DEVICE_NAME = "backup"
# Wagtail audit log actions (labels registered in cms.two_factor.admin).
LOG_ENABLED = "samverkan.two_factor.enabled"
LOG_DISABLED = "samverkan.two_factor.disabled"
LOG_RESET = "samverkan.two_factor.reset"


@dataclass(frozen=True)
class VerifyResult:
    device: object | None = None
    throttled_until: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.device is not None


def user_has_two_factor(user) -> bool:
    """True once the user has confirmed an authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def totp_device_start(*, user) -> TOTPDevice:
    """The unconfirmed device the set-up page shows (the same one on every
    reload, so the QR code does not change under the user)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(
        user=user, name=TOTP_DEVICE_NAME, confirmed=False
    )


def _normalise(token: str) -> str:
    return "".join(token.split()).lower()


def _verify_on(device, token: str) -> VerifyResult:
    allowed, details = device.verify_is_allowed()
    if not allowed:
        if details and details.get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS:
            return VerifyResult(throttled_until=details["locked_until"])
        return VerifyResult()
    return VerifyResult(device=device) if device.verify_token(token) else VerifyResult()


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the device with a code from the app. Returns the new backup
    codes (to be shown once), or None when the code is wrong."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if device.confirmed or not _verify_on(device, _normalise(token)).ok:
        return None
    TOTPDevice.objects.filter(user=device.user_id).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    log(instance=device.user, action=LOG_ENABLED, user=device.user)
    return backup_codes_create(user=device.user)


@transaction.atomic
def backup_codes_create(*, user) -> list[str]:
    """A fresh set of backup codes; earlier ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME)
    codes = [StaticToken.random_token() for _ in range(backup_code_count())]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=code) for code in codes
    )
    return codes


def two_factor_verify(*, user, token: str) -> VerifyResult:
    """Check a code from the app (six digits) or a backup code against the
    user's confirmed device of that kind, under a row lock so two requests
    cannot both spend the same code. A throttled device refuses even a right
    code."""
    token = _normalise(token)
    model = TOTPDevice if token.isdigit() and len(token) == 6 else StaticDevice
    with transaction.atomic():
        device = (
            model.objects.devices_for_user(user, confirmed=True)
            .select_for_update()
            .first()
        )
        if device is None:
            return VerifyResult()
        return _verify_on(device, token)


@transaction.atomic
def two_factor_reset(*, user, by=None) -> int:
    """Remove the user's authenticator app and backup codes (a lost phone),
    by the user or by `by` (a central administrator); written to Wagtail's
    audit log. Returns how many devices were removed."""
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        count, _ = model.objects.filter(user=user).delete()
        removed += count
    if removed:
        action = LOG_RESET if by is not None and by != user else LOG_DISABLED
        log(instance=user, action=action, user=by or user)
    return removed


def totp_secret(*, device: TOTPDevice) -> str:
    """The secret in base32, for typing into an app that cannot scan."""
    return b32encode(device.bin_key).decode()
