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
