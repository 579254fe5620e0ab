"""Two-step verification in a real browser: an editor turns it on from the
account page (the key read off the page, the code computed as an app
would), saves the backup codes, and logs in again with password and code.
Headless Debian Chromium via Playwright, against the live server."""

import re

import pytest

pytest.importorskip("playwright")

from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from tests.cms.two_factor.helpers import (  # noqa: E402
    code_after_last_used,
    code_for_secret,
)
from tests.e2e.helpers import PASSWORD, log_in  # noqa: E402

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # Beside the parallel part (scripts/run-tests.sh; 30 s timeouts there).
    pytest.mark.own_services,
]


def test_editor_sets_up_two_step_verification_and_logs_in_with_it(page, editor_a):
    log_in(page, editor_a.username)
    page.goto("/admin/account/")
    page.get_by_role("tab", name="Fler åtgärder").click()
    page.get_by_role("link", name="Tvåstegsverifiering").click()
    expect(page).to_have_url(re.compile(r"/admin/two-factor/$"))
    expect(page.locator("svg path").first).to_be_attached()  # the QR code

    secret = page.locator("[data-two-factor-secret]").inner_text()
    # The current code: accepted even if the 30-second step turns before
    # the server checks it (one step either side is allowed).
    page.fill('input[name="code"]', code_for_secret(secret))
    page.get_by_role("button", name="Bekräfta och slå på").click()
    expect(page.locator("[data-backup-codes] li")).to_have_count(10)
    page.get_by_role("link", name="Jag har sparat koderna").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    page.context.clear_cookies()
    page.goto("/admin/login/")
    page.fill('input[name="username"]', editor_a.username)
    page.fill('input[name="password"]', PASSWORD)
    page.locator('form button[type="submit"]').first.click()
    expect(page).to_have_url(re.compile(r"/admin/two-factor/verify/"))
    # The password alone opens nothing.
    page.goto("/admin/pages/")
    expect(page).to_have_url(re.compile(r"/admin/two-factor/verify/"))

    page.fill('input[name="code"]', "000000")
    page.get_by_role("button", name="Fortsätt").click()
    expect(page.get_by_text("Fel kod")).to_be_visible()
    page.wait_for_timeout(1100)  # django-otp's throttle after a failure: 1 s

    # The step after the set-up code's: unused, and allowed whatever drift
    # the server learnt if the step turned while the set-up code was on its
    # way (a fixed "next step" was refused then), so no waiting for the clock.
    device = TOTPDevice.objects.get(user=editor_a, confirmed=True)
    page.fill('input[name="code"]', code_after_last_used(device))
    page.get_by_role("button", name="Fortsätt").click()
    # Where it was going (the explorer opens at the editor's organisation).
    expect(page).to_have_url(re.compile(r"/admin/pages/(\d+/)?$"))
