"""Wagtail's page chooser, narrowed by cms/scoping/side_doors.py, in a real browser:
the modal of the copy form browses the tree, shows another organisation's
page by its published title, and still lets an editor copy a page into
their own organisation (headless Chromium, see tests/e2e/conftest.py)."""

import pytest

pytest.importorskip("playwright")

from playwright.sync_api import expect  # noqa: E402

from tests.e2e.helpers import log_in  # noqa: E402
from tests.factories import InterventionPageFactory, publish  # noqa: E402

pytestmark = [
    pytest.mark.e2e,
    # See tests/e2e/test_admin_in_browser.py.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_editor_copies_through_the_page_chooser(page, editor_a, org_a, org_b):
    publish(org_b)
    org_b.title = "Haninge HEMLIG"
    org_b.save_revision()
    own = publish(InterventionPageFactory(parent=org_a, title="Språkcafé"))
    log_in(page, editor_a.username)
    page.goto(f"/admin/pages/{own.pk}/copy/")
    page.fill('input[name="new_title"]', "Språkcafé kopia")
    page.fill('input[name="new_slug"]', "sprakcafe-kopia")

    # The chooser opens at the region, the parent of the chosen parent:
    # B's organisation is listed by its published title, not choosable.
    page.locator(".chooser .chosen [data-w-dropdown-target='toggle']").click()
    page.locator("[data-chooser-action-choose]:visible").click()
    modal = page.locator(".modal-content")
    expect(modal).to_contain_text("Haninge kommun")
    expect(modal).not_to_contain_text("HEMLIG")
    expect(modal.locator(f'a[data-id="{org_b.pk}"]')).to_have_count(0)
    modal.locator(f'a[data-id="{org_a.pk}"]').click()
    expect(modal).to_be_hidden()

    with page.expect_navigation():
        page.locator('form:has([name="new_title"]) [type="submit"]').click()
    assert org_a.get_children().filter(slug="sprakcafe-kopia").exists()
