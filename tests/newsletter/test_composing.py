"""The composer: "fill from this month" draws only on public content, keeps
what the communicator wrote; the admin shows a live e-mail preview."""

import datetime
import json

import pytest

from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from cms.models import InterventionPage, NewsPage
from newsletter.models import NewsletterIssue
from newsletter.services.issues import issue_fill_from_recent
from tests.factories import (
    InterventionPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    publish,
)
from tests.newsletter.factories import IssueFactory

pytestmark = pytest.mark.django_db


def _blocks(issue):
    issue.refresh_from_db()
    return [(b.block_type, b.value) for b in issue.body]


@pytest.fixture
def month_content(org_a):
    now = timezone.now()
    fresh_news = publish(NewsPageFactory(parent=org_a, title="Ny språkcafé"))
    old_news = publish(NewsPageFactory(parent=org_a, title="Gammal nyhet"))
    NewsPage.objects.filter(pk=old_news.pk).update(
        last_published_at=now - datetime.timedelta(days=90)
    )
    draft = NewsPageFactory(parent=org_a, title="Utkast", live=False)
    meeting = MeetingPageFactory(
        parent=org_a,
        title="Nätverksträff",
        starts_at=now + datetime.timedelta(days=10),
        ends_at=now + datetime.timedelta(days=10, hours=2),
    )
    far_meeting = MeetingPageFactory(
        parent=org_a,
        title="Årsmöte",
        starts_at=now + datetime.timedelta(days=200),
        ends_at=now + datetime.timedelta(days=200, hours=2),
    )
    new_intervention = publish(InterventionPageFactory(parent=org_a, title="Jobbspår"))
    updated = publish(
        InterventionPageFactory(parent=org_a, title="Samhällsorientering")
    )
    InterventionPage.objects.filter(pk=updated.pk).update(
        first_published_at=now - datetime.timedelta(days=400)
    )
    return {
        "fresh_news": fresh_news,
        "old_news": old_news,
        "draft": draft,
        "meeting": meeting,
        "far_meeting": far_meeting,
        "new": new_intervention,
        "updated": updated,
    }


def test_fill_from_this_month_takes_public_content_since_the_last_issue(
    month_content,
):
    issue = IssueFactory()
    counts = issue_fill_from_recent(issue=issue)

    blocks = _blocks(issue)
    assert [t for t, _v in blocks] == [
        "intro",
        "news",
        "meetings",
        "interventions",
        "interventions",
    ]
    pages = {
        t + str(i): [p.pk for p in v["pages"]]
        for i, (t, v) in enumerate(blocks)
        if t != "intro"
    }
    assert pages["news1"] == [month_content["fresh_news"].pk]
    assert pages["meetings2"] == [month_content["meeting"].pk]
    assert pages["interventions3"] == [month_content["new"].pk]
    assert pages["interventions4"] == [month_content["updated"].pk]
    assert counts == {
        "news": 1,
        "meetings": 1,
        "new_interventions": 1,
        "updated_interventions": 1,
    }


def test_fill_starts_where_the_last_sent_issue_started(month_content):
    IssueFactory(
        status=NewsletterIssue.Status.SENT,
        started_at=timezone.now() - datetime.timedelta(days=100),
        html_frozen="<p>x</p>",
    )
    issue = IssueFactory()
    issue_fill_from_recent(issue=issue)
    news = next(v for t, v in _blocks(issue) if t == "news")
    assert {p.pk for p in news["pages"]} == {
        month_content["fresh_news"].pk,
        month_content["old_news"].pk,
    }


def test_fill_keeps_the_communicators_own_blocks_and_replaces_old_fills(
    month_content,
):
    issue = IssueFactory(
        body=json.dumps(
            [
                {"type": "intro", "value": "<p>Mitt intro</p>"},
                {
                    "type": "news",
                    "value": {
                        "heading": "Gammalt",
                        "pages": [month_content["old_news"].pk],
                    },
                },
                {
                    "type": "text",
                    "value": {"heading": "Tips", "text": "<p>Egen text</p>"},
                },
            ]
        )
    )
    issue_fill_from_recent(issue=issue)
    blocks = _blocks(issue)
    assert blocks[0][0] == "intro" and "Mitt intro" in str(blocks[0][1])
    assert blocks[-1][0] == "text" and blocks[-1][1]["heading"] == "Tips"
    assert sum(1 for t, _v in blocks if t == "news") == 1


def test_fill_never_offers_drafts_or_restricted_pages(month_content):
    from wagtail.models import PageViewRestriction

    restricted = publish(
        NewsPageFactory(parent=month_content["new"].get_parent(), title="Hemlig")
    )
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    issue = IssueFactory()
    issue_fill_from_recent(issue=issue)
    chosen = {p.pk for t, v in _blocks(issue) if t != "intro" for p in v["pages"]}
    assert month_content["draft"].pk not in chosen
    assert restricted.pk not in chosen


def test_communicator_fills_from_the_sending_page(
    client, communicator_user, month_content
):
    issue = IssueFactory()
    client.force_login(communicator_user)
    response = client.post(reverse("samverkan_newsletter_fill", args=[issue.pk]))
    assert response.status_code == 302
    assert "/edit/" in response["Location"]
    assert any(t == "news" for t, _v in _blocks(issue))


def test_preview_shows_the_email_and_its_text_part(audience):
    issue = IssueFactory(subject="Novembernytt", audiences=[audience])
    request = RequestFactory().get("/")
    request.user = None

    html = issue.serve_preview(request, "").render().content.decode()
    text = issue.serve_preview(request, "text").render().content.decode()

    assert "Novembernytt" in html and "<table" in html
    assert "Novembernytt" in text and "<table" not in text


def test_issue_editor_has_the_preview_panel(client, communicator_user):
    issue = IssueFactory()
    client.force_login(communicator_user)
    response = client.get(
        reverse(
            "wagtailsnippets_samverkan_newsletter_newsletterissue:edit", args=[issue.pk]
        )
    )
    assert response.status_code == 200
    assert (
        reverse(
            "wagtailsnippets_samverkan_newsletter_newsletterissue:preview_on_edit",
            args=[issue.pk],
        )
        in response.content.decode()
    )


def test_fill_leaves_out_interventions_that_have_ended(month_content, org_a):
    """An ended intervention, by its status or by its end date, is not news
    to anybody: neither new nor updated."""
    now = timezone.now()
    for title, fields in (
        ("Avslutad", {"status": "ended"}),
        (
            "Slutdatum passerat",
            {"end_date": timezone.localdate() - datetime.timedelta(days=1)},
        ),
    ):
        page = publish(
            InterventionPageFactory(
                parent=org_a, title=title, contact_email="a@example.se", **fields
            )
        )
        InterventionPage.objects.filter(pk=page.pk).update(
            first_published_at=now - datetime.timedelta(days=400)
        )
    issue = IssueFactory()

    counts = issue_fill_from_recent(issue=issue)

    titles = {
        p.title for t, v in _blocks(issue) if t == "interventions" for p in v["pages"]
    }
    assert titles == {"Jobbspår", "Samhällsorientering"}
    assert counts["updated_interventions"] == 1
