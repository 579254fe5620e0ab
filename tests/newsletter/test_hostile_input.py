"""Hostile input in newsletter e-mails (issue 9): the stored-XSS corpus in
every block of an issue and in every field the issue pulls in from news,
meetings and interventions leaves nothing executable in the e-mail's HTML,
the admin preview, the web archive or the RSS feed of issues."""

import datetime
import html
import json

import feedparser
import pytest
import wagtail_factories

from django.test import RequestFactory
from django.utils import timezone
from django.utils.html import strip_tags

from newsletter.rendering import issue_render
from tests.factories import (
    InterventionPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    publish,
)
from tests.hostile_html import CORPUS, EVIL, executable_parts
from tests.newsletter.archive_helpers import issue_started
from tests.newsletter.factories import IssueFactory

pytestmark = pytest.mark.django_db

# Short enough for titles and other CharFields.
SHORT = [
    '<img src="x" onerror="alert(1)">',
    "<script>alert(2)</script>",
    '<svg onload="alert(3)">',
    '"><a href="javascript:alert(4)">x</a>',
]


def _executable(document: str) -> list[str]:
    """What could run in a whole HTML document: anything in its body; in its
    head anything but the <meta>, <style> and <link> elements our templates
    put there (the hostile subject is in the head too, as the <title>)."""
    head, _sep, body = document.partition("<body")
    ours = {"<meta>", "<style>", "<link>"}
    return [p for p in executable_parts(head) if p not in ours] + executable_parts(body)


@pytest.fixture
def hostile_issue(region, audience):
    provider = OrganisationPageFactory(parent=region, title=SHORT[2], slug="evil-org")
    pages = {"news": [], "meetings": [], "interventions": []}
    now = timezone.now()
    for n, short in enumerate(SHORT):
        pages["news"].append(
            publish(
                NewsPageFactory(
                    parent=provider, title=f"Nyhet {short}", slug=f"n{n}", lead=EVIL
                )
            )
        )
        pages["meetings"].append(
            publish(
                MeetingPageFactory(
                    parent=provider,
                    title=f"Möte {short}",
                    slug=f"m{n}",
                    place=short,
                    starts_at=now + datetime.timedelta(days=n + 1),
                    ends_at=now + datetime.timedelta(days=n + 1, hours=1),
                )
            )
        )
        pages["interventions"].append(
            publish(
                InterventionPageFactory(
                    parent=provider,
                    title=f"Insats {short}",
                    slug=f"i{n}",
                    summary=EVIL,
                    provider=provider,
                )
            )
        )
    image = wagtail_factories.ImageFactory(title=SHORT[0])
    body = [
        {"type": "intro", "value": EVIL},
        *(
            {"type": kind, "value": {"heading": SHORT[1], "pages": [p.pk for p in ps]}}
            for kind, ps in pages.items()
        ),
        {"type": "image", "value": {"image": image.pk, "caption": SHORT[3]}},
        *(
            {"type": "text", "value": {"heading": SHORT[0], "text": f"<p>{item}</p>"}}
            for item in [EVIL, *CORPUS]
        ),
    ]
    return IssueFactory(
        subject=f"Nytt {SHORT[1]}",
        preheader=SHORT[0],
        body=json.dumps(body),
        audiences=[audience],
    )


@pytest.fixture
def sent_hostile_issue(hostile_issue):
    return issue_started(hostile_issue)


def test_the_email_html_has_nothing_executable_and_keeps_the_content(hostile_issue):
    rendered = issue_render(issue=hostile_issue)

    assert _executable(rendered.html) == []
    # Everything is there, as text to read.
    text = html.unescape(strip_tags(rendered.html))
    assert "Bra innehåll." in text
    for kind in ("Nyhet", "Möte", "Insats"):
        for short in SHORT:
            assert f"{kind} {short}" in text


def test_the_admin_preview_has_nothing_executable(hostile_issue):
    request = RequestFactory().get("/")
    request.user = None
    preview = hostile_issue.serve_preview(request, "").render().content.decode()
    assert _executable(preview) == []


def test_the_web_archive_has_nothing_executable(client, sent_hostile_issue):
    page = client.get(f"/newsletter/archive/{sent_hostile_issue.pk}/")
    listing = client.get("/newsletter/archive/")

    assert page.status_code == listing.status_code == 200
    assert _executable(page.content.decode()) == []
    assert _executable(listing.content.decode()) == []
    assert "Nytt &lt;script&gt;" in listing.content.decode()


def test_the_rss_feed_gives_readers_nothing_executable(client, sent_hostile_issue):
    feed = feedparser.parse(
        client.get("/newsletter/archive/rss.xml").content, sanitize_html=False
    )

    [entry] = feed.entries
    assert entry.title == "Nytt <script>alert(2)</script>"  # text, not markup
    # A reader renders the description as HTML.
    assert executable_parts(entry.summary) == [], entry.summary
