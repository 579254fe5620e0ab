"""Helpers for browser tests."""

import re

from playwright.sync_api import expect

PASSWORD = "secret-password-1"  # tests/factories.py UserFactory


def log_in(page, username: str, password: str = PASSWORD):
    """Log in through the real login form at /admin/login/."""
    page.goto("/admin/login/")
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', password)
    with page.expect_navigation():
        page.locator('form button[type="submit"]').first.click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def click_publish(page):
    """Click "Publicera" in the page editor's footer and wait for the
    response page (the edit form again on errors, else a redirect)."""
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
