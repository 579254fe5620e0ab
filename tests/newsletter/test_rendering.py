"""Rendering: both parts, absolute links, one-click headers, a stable
Message-ID, a "read in the browser" link, and under Gmail's clipping size."""

import email
import email.policy
import json
import re

import pytest
import wagtail_factories

from django.utils import timezone

from newsletter.rendering import issue_render
from newsletter.services.messages import NewsletterMessage
from tests.factories import InterventionPageFactory, NewsPageFactory
from tests.newsletter.factories import IssueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_issue(org_a):
    news = [NewsPageFactory(parent=org_a, title=f"Nyhet {n}") for n in range(10)]
    draft = NewsPageFactory(parent=org_a, title="Hemligt utkast", live=False)
    interventions = [
        InterventionPageFactory(parent=org_a, title=f"Insats {n}") for n in range(10)
    ]
    image = wagtail_factories.ImageFactory(title="Bild")
    body = [
        {"type": "intro", "value": '<p>Hej! Se <a href="/om-oss/">om oss</a>.</p>'},
        {
            "type": "news",
            "value": {"heading": "Nyheter", "pages": [p.pk for p in [*news, draft]]},
        },
        {
            "type": "interventions",
            "value": {
                "heading": "Nya insatser",
                "pages": [p.pk for p in interventions],
            },
        },
        {"type": "image", "value": {"image": image.pk, "caption": "Partnerdagen"}},
        {
            "type": "text",
            "value": {"heading": "Tips", "text": "<p>" + "Lång text. " * 300 + "</p>"},
        },
    ]
    return IssueFactory(subject="Decembernytt", body=json.dumps(body))


def test_html_is_responsive_inlined_and_every_link_absolute(full_issue):
    rendered = issue_render(issue=full_issue)

    assert "<table" in rendered.html and "@media" in rendered.html
    assert 'style="' in rendered.html  # CSS inlined
    links = re.findall(r'(?:href|src)="([^"]+)"', rendered.html)
    assert links
    assert all(link.startswith(("http://testserver/", "%%")) for link in links), [
        link for link in links if not link.startswith("http")
    ]
    assert "http://testserver/om-oss/" in rendered.html
    assert "Nyhet 9" in rendered.html and "Insats 9" in rendered.html
    assert "Hemligt utkast" not in rendered.html


def test_read_in_the_browser_links_to_the_archive(full_issue):
    rendered = issue_render(issue=full_issue)
    archive = f"http://testserver/newsletter/archive/{full_issue.pk}/"
    assert f'href="{archive}"' in rendered.html
    assert archive in rendered.text


def test_text_part_has_the_content_and_absolute_links(full_issue):
    text = issue_render(issue=full_issue).text
    assert "Decembernytt" in text and "Nyhet 3" in text and "Partnerdagen" in text
    assert "<" not in text.replace("<a", "")  # no markup
    assert "om oss (http://testserver/om-oss/)" in text


def test_swedish_by_default(full_issue):
    rendered = issue_render(issue=full_issue)
    assert 'lang="sv"' in rendered.html
    assert "Läs i webbläsaren" in rendered.html
    assert "Avsluta prenumerationen" in rendered.text


def test_message_has_both_parts_one_click_headers_and_stays_under_gmail_clipping(
    full_issue,
):
    rendered = issue_render(issue=full_issue)
    unsubscribe = "http://testserver/newsletter/unsubscribe/abc/"
    data = NewsletterMessage(
        rendered=rendered,
        subject=full_issue.subject,
        from_email="Samverkan <nl@example.se>",
    ).as_bytes(
        to="amina@example.org",
        unsubscribe_url=unsubscribe,
        preferences_url="http://testserver/newsletter/preferences/abc/",
        message_id="<newsletter.1.2@testserver>",
    )
    message = email.message_from_bytes(data, policy=email.policy.default)

    assert message["Subject"] == "Decembernytt"
    assert message["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Message-ID"] == "<newsletter.1.2@testserver>"
    assert not message.defects
    types = [part.get_content_type() for part in message.walk()]
    assert types == ["multipart/alternative", "text/plain", "text/html"]
    html = message.get_body(("html",)).get_content()
    assert "Nyhet 9" in message.get_body(("plain",)).get_content()
    assert unsubscribe in html and "%%" not in html
    assert len(html.encode()) < 102 * 1024


def test_sending_freezes_the_rendering(full_issue, audience):
    from newsletter.models import NewsletterIssue
    from newsletter.services.sending import issue_start_sending

    full_issue.audiences.set([audience])
    NewsletterIssue.objects.filter(pk=full_issue.pk).update(
        status="scheduled", scheduled_at=timezone.now()
    )
    issue_start_sending(issue_id=full_issue.pk)
    full_issue.refresh_from_db()
    frozen = full_issue.html_frozen
    assert "Decembernytt" in frozen and full_issue.text_frozen

    NewsPageFactory._meta.model.objects.update(title="Ändrad rubrik")
    from newsletter.rendering import issue_rendered_for_sending

    assert issue_rendered_for_sending(issue=full_issue).html == frozen
