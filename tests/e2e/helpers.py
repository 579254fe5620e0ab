"""Helpers for browser tests."""

import os
import re
from pathlib import Path

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


def close_date_pickers(page, beside='[name="title"]'):
    """Click beside an open date picker, as a person does to close it: it
    would take the click meant for the footer's buttons. (On a loaded
    machine a picker has opened late, after the walk had moved on to
    another field.)"""
    pickers = page.locator(".xdsoft_datetimepicker:visible")
    for _attempt in range(10):
        if pickers.count() == 0:
            return
        page.locator(beside).click()  # every page form has a title
        page.wait_for_timeout(200)
    expect(pickers).to_have_count(0)


def click_publish(page):
    """Click "Publicera" in the page editor's footer and wait for the
    response page (the edit form again on errors, else a redirect)."""
    close_date_pickers(page)
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


# The newsletter, as a communicator composes it ------------------------------


def newsletter_issue_add(page, subject: str, audience: str = "Interna partner"):
    """Create an issue through the snippet form, then open its sending page
    through the listing's "Skicka…" link."""
    page.goto("/admin/snippets/samverkan_newsletter/newsletterissue/add/")
    page.fill('input[name="subject"]', subject)
    page.get_by_label(audience).check()
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^Spara")).first.click()
    page.goto("/admin/snippets/samverkan_newsletter/newsletterissue/")
    page.get_by_role("link", name="Skicka…").first.click()
    expect(page).to_have_url(re.compile(r"/newsletter/issues/\d+/sending/$"))


def newsletter_fill(page):
    """On the sending page: "Fyll från den här månaden", which lands on the
    issue's edit form."""
    with page.expect_navigation():
        page.get_by_role("button", name="Fyll från den här månaden").click()
    expect(page).to_have_url(re.compile(r"/edit/"))


def newsletter_preview(page):
    """On the edit form: open the live preview and return its frame."""
    page.locator('[data-side-panel-toggle="preview"]').first.click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("body")).to_contain_text("Läs i webbläsaren")
    return preview


def newsletter_test_send(page, issue, address: str):
    page.goto(f"/admin/newsletter/issues/{issue.pk}/sending/")
    page.fill('input[name="emails"]', address)
    with page.expect_navigation():
        page.get_by_role("button", name="Skicka test").click()
    expect(page.locator("body")).to_contain_text("Test skickat till 1 adress.")


def newsletter_schedule(page, when):
    """On the sending page: schedule the issue at `when` (local time)."""
    page.fill('input[name="scheduled_at"]', when.strftime("%Y-%m-%dT%H:%M"))
    with page.expect_navigation():
        page.get_by_role("button", name="Schemalägg", exact=True).click()
    expect(page.locator("body")).to_contain_text("Schemalagt till")


def screenshot_checker(tmp_path, *, prefix: str = "", english=()):
    """shoot(page, name): a full-page screenshot (in SAMVERKAN_SCREENSHOTS,
    else `tmp_path`), and no English fragment (tests/cms/
    test_admin_in_swedish.py's, plus `english`) or error page on it."""
    from tests.demo.seeded.test_admin_in_swedish import ENGLISH_FRAGMENTS

    folder = Path(os.environ.get("SAMVERKAN_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)

    def shoot(page, name):
        page.screenshot(path=str(folder / f"{prefix}{name}.png"), full_page=True)
        text = page.locator("body").inner_text()
        found = [f for f in (*ENGLISH_FRAGMENTS, *english) if f in text]
        assert not found, (name, found)
        assert "Server Error" not in text and "Sidan hittades inte" not in text

    return shoot
