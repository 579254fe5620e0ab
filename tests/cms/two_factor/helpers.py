"""Two-factor test helpers: the codes an authenticator app would show, a
password-only login through the real form, and a set-up user."""

import datetime
import time
from base64 import b32decode

import time_machine
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.urls import reverse

from cms.two_factor import services

PASSWORD = "secret-password-1"  # tests/factories.py UserFactory


def code_for(device: TOTPDevice) -> str:
    """The code the app shows now (under time-machine: at the travelled
    time)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def code_after_last_used(device: TOTPDevice) -> str:
    """The code of the step after the last one the device accepted: unused,
    and inside the window the server allows (one step either side of now,
    shifted by the drift it learnt at set-up) for about a minute after that
    code, whenever the 30-second step turned."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = device.t0 + device.step * (device.last_t + 1) + device.step / 2
    return f"{totp.token():0{device.digits}d}"


def code_for_secret(secret_base32: str) -> str:
    """The code for a key typed in from the set-up page, now."""
    totp = TOTP(b32decode(secret_base32.replace(" ", "")))
    totp.time = time.time()
    return f"{totp.token():06d}"


def password_login(client, user, next_url="/admin/"):
    """The real login form, password only."""
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": user.username, "password": PASSWORD, "next": next_url},
    )
    assert response.status_code == 302, response.content[:500]
    return response


def two_factor_enable(user):
    """The user's app, set up and confirmed as the set-up page does it, a
    minute ago (so the code of this moment is still unused). Returns
    (device, backup codes)."""
    a_minute_ago = datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(
        minutes=1
    )
    with time_machine.travel(a_minute_ago, tick=False):
        device = services.totp_device_start(user=user)
        codes = services.totp_device_confirm(device=device, token=code_for(device))
    assert codes is not None
    device.refresh_from_db()
    return device, codes
