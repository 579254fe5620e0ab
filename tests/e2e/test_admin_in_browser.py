"""The Wagtail admin in a real browser: headless Chromium, driven by
Playwright's sync API, against pytest-django's live server.

Needs Debian's Chromium at /usr/bin/chromium (never `playwright install`).
Without it the tests skip, unless SAMVERKAN_REQUIRE_SERVICES is set (as
`make test` does), in which case they fail: a silent skip in CI would hide a
broken install.
"""

import re
from urllib.parse import urlsplit

import pytest

pytest.importorskip("playwright")

from playwright.sync_api import expect  # noqa: E402

from django.core import mail  # noqa: E402

from tests.e2e.helpers import log_in, screenshot_checker  # noqa: E402

pytestmark = [
    pytest.mark.e2e,
    # live_server needs real commits; a transactional test flushes the
    # database afterwards, which would also remove the rows Wagtail's data
    # migrations created (root page, default locale and site), so restore
    # them from the serialized copy.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # Beside the parallel part (scripts/run-tests.sh; 30 s timeouts there).
    pytest.mark.own_services,
]

# Wagtail's Swedish "Sorry, you do not have permission to access this area."
PERMISSION_DENIED_SV = "du saknar rättigheter"
NEW_DESCRIPTION = "Kommunen söder om Stockholm, ny text från webbläsaren."


def path_of(url: str) -> str:
    return urlsplit(url).path


def test_editor_logs_in_and_publishes_own_organisation(page, editor_a, org_a):
    log_in(page, editor_a.username)

    # The Swedish dashboard, with our own snippet menu.
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_text("Personer och grupper").first).to_be_visible()

    page.goto(f"/admin/pages/{org_a.pk}/edit/")
    page.locator('textarea[name="description"]').fill(NEW_DESCRIPTION)

    publish = page.locator('button[name="action-publish"]')
    if not publish.is_visible():
        # "Publicera" sits in the footer's action dropdown: open it first.
        page.locator(
            ".w-dropdown-button:has(button[name='action-publish']) "
            "[data-w-dropdown-target='toggle']"
        ).click()
    expect(publish).to_be_visible()
    with page.expect_navigation():
        publish.click()
    expect(page.locator(".messages")).to_contain_text(
        "Sida 'Botkyrka kommun' har blivit publicerad."
    )

    org_a.refresh_from_db()
    assert org_a.live
    assert org_a.description == NEW_DESCRIPTION
    assert not org_a.has_unpublished_changes


def test_editor_cannot_edit_other_organisation(page, editor_a, org_a, org_b):
    log_in(page, editor_a.username)

    response = page.goto(f"/admin/pages/{org_b.pk}/edit/")
    assert response is not None
    if response.status != 403:
        # Wagtail turns PermissionDenied into a redirect to the dashboard
        # with an error message.
        assert response.request.redirected_from is not None, page.url
        assert path_of(page.url) == "/admin/"
        expect(page.locator(".messages")).to_contain_text(PERMISSION_DENIED_SV)
    expect(page.locator('textarea[name="description"]')).to_have_count(0)
    expect(page.locator('button[name="action-publish"]')).to_have_count(0)

    org_b.refresh_from_db()
    assert org_b.description == ""


def test_region_explorer_shows_only_own_organisation(
    page, editor_a, region, org_a, org_b
):
    """The editor's explorable root is their organisation, so Wagtail sends
    the region's explorer there: org_b is never listed, let alone linked."""
    log_in(page, editor_a.username)

    response = page.goto(f"/admin/pages/{region.pk}/")
    assert response is not None
    assert response.ok
    assert path_of(page.url) == f"/admin/pages/{org_a.pk}/"
    expect(page.locator("main")).to_contain_text("Botkyrka kommun")
    expect(page.locator("main")).not_to_contain_text("Haninge kommun")
    expect(page.locator(f'a[href^="/admin/pages/{org_b.pk}/"]')).to_have_count(0)


def test_dashboard_screenshot(page, editor_a, tmp_path):
    log_in(page, editor_a.username)

    path = tmp_path / "dashboard.png"
    page.screenshot(path=str(path), full_page=True)

    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 1000


def test_forgotten_password_from_the_login_page(page, editor_a, tmp_path):
    """The person's path through the password reset: the login page's link,
    the form, the answer (the same for any address), the mail a task sends
    after commit, its link, a new password, and a login with it."""
    shoot = screenshot_checker(tmp_path, prefix="password-reset-")
    mail.outbox.clear()
    page.goto("/admin/login/")
    page.get_by_role("link", name="Glömt lösenord?").click()
    page.fill('input[name="email"]', editor_a.email)
    shoot(page, "form")
    with page.expect_navigation():
        page.locator('form button[type="submit"]').first.click()
    expect(page).to_have_url(re.compile(r"/admin/password_reset/done/$"))
    shoot(page, "done")

    [message] = mail.outbox
    link = re.search(
        r"https?://[^/\s]+(/admin/password_reset/confirm/\S+)", message.body
    )
    page.goto(link.group(1))
    page.fill('input[name="new_password1"]', "Ett-nytt-lösen-42")
    page.fill('input[name="new_password2"]', "Ett-nytt-lösen-42")
    shoot(page, "new-password")
    with page.expect_navigation():
        page.locator('form button[type="submit"]').first.click()
    expect(page).to_have_url(re.compile(r"/admin/password_reset/complete/$"))
    shoot(page, "complete")
    log_in(page, editor_a.username, "Ett-nytt-lösen-42")
