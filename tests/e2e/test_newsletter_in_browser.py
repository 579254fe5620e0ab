"""The newsletter in a real browser: a communicator creates an issue, fills
it from this month's content, previews the e-mail, sends a test and
schedules it.

Needs Debian's Chromium at /usr/bin/chromium (see conftest.py).
"""

import datetime
import re

import pytest

pytest.importorskip("playwright")

from playwright.sync_api import expect  # noqa: E402

from django.utils import timezone  # noqa: E402

from newsletter.models import NewsletterIssue  # noqa: E402
from tests.e2e.helpers import log_in  # noqa: E402
from tests.factories import MeetingPageFactory, NewsPageFactory, publish  # noqa: E402
from tests.newsletter.factories import communicator  # noqa: E402

pytestmark = [
    pytest.mark.e2e,
    # live_server needs real commits; the flush afterwards must restore the
    # rows the data migrations created (root page, site, audiences).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NEWS_TITLE = "Språkcafé öppnar i Tumba"
MEETING_TITLE = "Nätverksträff för samordnare"
SUBJECT = "Nyhetsbrev december"


def test_communicator_fills_previews_tests_and_schedules(page, org_a, smtp_sink):
    publish(NewsPageFactory(parent=org_a, title=NEWS_TITLE))
    starts = timezone.now() + datetime.timedelta(days=7)
    MeetingPageFactory(
        parent=org_a,
        title=MEETING_TITLE,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    user = communicator(username="kommunikator", email="kom@example.se")

    log_in(page, user.username)
    page.goto("/admin/snippets/samverkan_newsletter/newsletterissue/add/")
    page.fill('input[name="subject"]', SUBJECT)
    page.get_by_label("Interna partner").check()
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^Spara")).first.click()
    issue = NewsletterIssue.objects.get(subject=SUBJECT)

    # The listing's "Skicka…" leads to the sending page.
    page.goto("/admin/snippets/samverkan_newsletter/newsletterissue/")
    page.get_by_role("link", name="Skicka…").first.click()
    expect(page).to_have_url(re.compile(rf"/newsletter/issues/{issue.pk}/sending/"))

    with page.expect_navigation():
        page.get_by_role("button", name="Fyll från den här månaden").click()
    expect(page).to_have_url(re.compile(r"/edit/"))
    expect(page.locator("main")).to_contain_text(NEWS_TITLE)
    expect(page.locator("main")).to_contain_text(MEETING_TITLE)

    # The live preview shows the e-mail.
    page.locator('[data-side-panel-toggle="preview"]').first.click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("body")).to_contain_text(NEWS_TITLE)
    expect(preview.locator("body")).to_contain_text("Läs i webbläsaren")

    page.goto(f"/admin/newsletter/issues/{issue.pk}/sending/")
    page.fill('input[name="emails"]', "test@example.se")
    with page.expect_navigation():
        page.get_by_role("button", name="Skicka test").click()
    expect(page.locator("body")).to_contain_text("Test skickat till 1 adress.")
    [message] = smtp_sink.wait_for(1)
    assert message["Subject"] == f"[TEST] {SUBJECT}"
    assert NEWS_TITLE in message.get_body(("html",)).get_content()

    when = timezone.localtime() + datetime.timedelta(days=3)
    page.fill('input[name="scheduled_at"]', when.strftime("%Y-%m-%dT%H:%M"))
    with page.expect_navigation():
        page.get_by_role("button", name="Schemalägg", exact=True).click()
    expect(page.locator("body")).to_contain_text("Schemalagt till")
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.SCHEDULED
    assert issue.scheduled_at.strftime("%Y-%m-%d %H:%M") == when.astimezone(
        datetime.UTC
    ).strftime("%Y-%m-%d %H:%M")
