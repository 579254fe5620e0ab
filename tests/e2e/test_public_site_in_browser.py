"""The public site in a real browser: a visitor reads an intervention from
the page cache; an editor publishes a change, and the visitor's next
request shows it (the cache follows publishing); the admin's "Visa
publicerad" opens the public page; a draft's preview ("view draft") is the
real public template with a notice that it is not published.

Needs Debian's Chromium at /usr/bin/chromium (see conftest.py).
"""

import re
from urllib.parse import urlsplit

import pytest

pytest.importorskip("playwright")

from playwright.sync_api import expect  # noqa: E402

from wagtail.models import Site  # noqa: E402

from tests.e2e.helpers import click_publish, log_in  # noqa: E402
from tests.factories import InterventionPageFactory, publish  # noqa: E402

pytestmark = [
    pytest.mark.e2e,
    # live_server needs real commits (see test_admin_in_browser.py).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

OLD_TITLE = "Språkcafé i Tumba"
NEW_TITLE = "Språkcafé i Tumba bibliotek"
DRAFT_TITLE = "Språkcafé i Tumba bibliotek (utkast)"


@pytest.fixture
def site_region(region, live_server, settings):
    """The region at the root of the site the live server answers, at its
    port (so the admin's links keep it), with the page cache on."""
    settings.SAMVERKAN_WEB = {**settings.SAMVERKAN_WEB, "PAGE_CACHE": True}
    address = urlsplit(live_server.url)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": address.hostname,
            "port": address.port,
            "root_page": region,
        },
    )
    return region


def test_publish_shows_on_the_next_request_and_view_live_opens_it(
    browser, page, live_server, site_region, editor_a, org_a
):
    intervention = publish(InterventionPageFactory(parent=org_a, title=OLD_TITLE))
    public_url = intervention.get_full_url()
    assert public_url.startswith(live_server.url)

    visitor = browser.new_context(locale="sv-SE")
    reader = visitor.new_page()
    try:
        first = reader.goto(public_url)
        assert first.status == 200
        expect(reader.locator("h1")).to_have_text(OLD_TITLE)
        # The browser revalidates (a 304 it shows as 200); a plain GET of
        # the same context shows where the page came from.
        assert reader.goto(public_url).ok
        assert visitor.request.get(public_url).headers["x-cache"] == "hit"
        assert not visitor.cookies()  # no cookie for a reader

        log_in(page, editor_a.username)
        page.goto(f"/admin/pages/{intervention.pk}/edit/")
        page.locator('[name="title"]').fill(NEW_TITLE)
        click_publish(page)
        expect(page.locator(".messages")).to_contain_text(NEW_TITLE)

        reader.goto(public_url)
        expect(reader.locator("h1")).to_have_text(NEW_TITLE)

        view_live = page.get_by_role("link", name="Visa publicerad").first
        path = urlsplit(public_url).path
        expect(view_live).to_have_attribute("href", re.compile(re.escape(path) + "$"))
        with page.expect_navigation():
            view_live.click()
        assert page.url == public_url
        expect(page.locator("h1")).to_have_text(NEW_TITLE)

        # A draft: saved, not published. Its preview is the public page's
        # own template; readers still get the published version.
        page.goto(f"/admin/pages/{intervention.pk}/edit/")
        page.locator('[name="title"]').fill(DRAFT_TITLE)
        with page.expect_navigation():
            page.locator("button.action-save").first.click()
        expect(page.locator(".messages")).to_contain_text(DRAFT_TITLE)
        page.goto(f"/admin/pages/{intervention.pk}/view_draft/")
        expect(page.locator("h1")).to_have_text(DRAFT_TITLE)
        expect(page.locator(".skip-link")).to_have_count(1)
        expect(page.locator("p.notice[role=status]")).to_contain_text(
            "Förhandsgranskning"
        )
        reader.goto(public_url)
        expect(reader.locator("h1")).to_have_text(NEW_TITLE)
    finally:
        visitor.close()
