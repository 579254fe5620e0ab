"""The reader's side: one-click unsubscribe (POST acts, GET is safe),
preferences, GDPR export and erasure, archive and RSS, bounce webhook,
the monthly reminder."""

import datetime
import hashlib
import hmac
import json

import feedparser
import pytest

from django.core import mail
from django.test import Client
from django.utils import timezone

from newsletter.models import Delivery, NewsletterIssue, Subscriber
from newsletter.selectors import issue_progress
from newsletter.services.reminders import communicators_remind
from tests.newsletter.factories import IssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(audience):
    return SubscriberFactory(email="amina@example.org", audiences=[audience])


@pytest.fixture
def sent_issue(audience, reader):
    issue = IssueFactory(
        subject="Marsnytt",
        audiences=[audience],
        status=NewsletterIssue.Status.SENT,
        started_at=timezone.now() - datetime.timedelta(days=2),
        sent_at=timezone.now() - datetime.timedelta(days=2),
        html_frozen='<html><body><h1>Marsnytt som skickat</h1><a href="%%UNSUBSCRIBE_URL%%">x</a></body></html>',
        text_frozen="Marsnytt som skickat",
    )
    Delivery.objects.create(
        issue=issue,
        subscriber=reader,
        status=Delivery.Status.SENT,
        sent_at=timezone.now(),
    )
    return issue


def test_one_click_unsubscribe_by_post_without_session_or_csrf(reader):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"/newsletter/unsubscribe/{reader.token}/",
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED
    assert reader.unsubscribed_at is not None


def test_get_on_the_unsubscribe_link_only_shows_a_button(client, reader):
    response = client.get(f"/newsletter/unsubscribe/{reader.token}/")
    assert response.status_code == 200
    assert 'method="post"' in response.content.decode()
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED


def test_unknown_token_is_not_found(client):
    response = client.post(
        "/newsletter/unsubscribe/00000000-0000-0000-0000-000000000000/"
    )
    assert response.status_code == 404


def test_preferences_change_audiences_name_and_language(
    client, reader, audience, other_audience
):
    url = f"/newsletter/preferences/{reader.token}/"
    assert "amina@example.org" in client.get(url).content.decode()

    client.post(
        url, {"name": "Amina A", "language": "en", "audiences": [other_audience.pk]}
    )

    reader.refresh_from_db()
    assert reader.name == "Amina A" and reader.language == "en"
    assert list(reader.audiences.all()) == [other_audience]


def test_export_gives_everything_stored_including_consent_and_deliveries(
    client, reader, sent_issue
):
    response = client.get(f"/newsletter/preferences/{reader.token}/export/")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["email"] == "amina@example.org"
    assert data["consent"]["source"] == "form"
    assert data["consent"]["policy_version"] == "2026-01"
    assert data["audiences"] == ["Interna partner"]
    assert data["deliveries"][0]["issue"] == "Marsnytt"


def test_erasure_deletes_the_person_and_keeps_only_counts(client, reader, sent_issue):
    url = f"/newsletter/preferences/{reader.token}/erase/"
    client.get(url)
    assert Subscriber.objects.filter(pk=reader.pk).exists()  # GET is safe

    client.post(url)

    assert not Subscriber.objects.filter(email="amina@example.org").exists()
    row = Delivery.objects.get(issue=sent_issue)
    assert row.subscriber_id is None
    assert issue_progress(issue=sent_issue)["counts"]["sent"] == 1
    assert "amina" not in json.dumps(list(Delivery.objects.values()), default=str)


def test_archive_shows_what_was_sent_and_not_drafts(client, sent_issue, audience):
    IssueFactory(subject="Aprilutkast", audiences=[audience])
    listing = client.get("/newsletter/archive/").content.decode()
    assert "Marsnytt" in listing and "Aprilutkast" not in listing

    NewsletterIssue.objects.filter(pk=sent_issue.pk).update(subject="Ändrad")
    page = client.get(f"/newsletter/archive/{sent_issue.pk}/").content.decode()
    assert "Marsnytt som skickat" in page
    assert "%%" not in page and "/newsletter/subscribe/" in page

    draft = IssueFactory()
    assert client.get(f"/newsletter/archive/{draft.pk}/").status_code == 404


def test_rss_feed_lists_sent_issues(client, sent_issue):
    feed = feedparser.parse(client.get("/newsletter/archive/rss.xml").content)
    assert [entry.title for entry in feed.entries] == ["Marsnytt"]
    assert feed.entries[0].link.endswith(f"/newsletter/archive/{sent_issue.pk}/")


def _webhook(client, payload, secret="s3cret"):
    body = json.dumps(payload).encode()
    signature = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return client.post(
        "/newsletter/webhooks/bounces/",
        data=body,
        content_type="application/json",
        HTTP_X_SAMVERKAN_SIGNATURE=f"sha256={signature}",
    )


@pytest.fixture
def webhook_secret(settings):
    settings.SAMVERKAN_NEWSLETTER = {"WEBHOOK_SECRET": "s3cret", "SOFT_BOUNCE_LIMIT": 3}


def test_bounce_webhook_needs_a_valid_signature(client, reader, webhook_secret):
    response = _webhook(
        client,
        {"events": [{"type": "complaint", "email": reader.email}]},
        secret="wrong",
    )
    assert response.status_code == 403
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED


def test_hard_bounce_and_complaint_stop_mailing_soft_bounces_count(
    client, audience, webhook_secret
):
    hard = SubscriberFactory(email="hard@example.org", audiences=[audience])
    spam = SubscriberFactory(email="spam@example.org", audiences=[audience])
    soft = SubscriberFactory(email="soft@example.org", audiences=[audience])

    response = _webhook(
        client,
        {
            "events": [
                {"type": "bounce", "bounce": "hard", "email": "Hard@example.org"},
                {"type": "complaint", "email": "spam@example.org"},
                {"type": "bounce", "bounce": "soft", "email": "soft@example.org"},
                {"type": "bounce", "bounce": "soft", "email": "soft@example.org"},
            ]
        },
    )
    assert response.json() == {"handled": 4}
    for subscriber in (hard, spam, soft):
        subscriber.refresh_from_db()
    assert hard.status == Subscriber.Status.BOUNCED
    assert spam.status == Subscriber.Status.COMPLAINED
    assert soft.status == Subscriber.Status.CONFIRMED and soft.soft_bounces == 2

    _webhook(
        client,
        {"events": [{"type": "bounce", "bounce": "soft", "email": "soft@example.org"}]},
    )
    soft.refresh_from_db()
    assert soft.status == Subscriber.Status.BOUNCED


def test_monthly_reminder_when_nothing_is_scheduled_for_next_month(
    communicator_user, editor_a, audience
):
    today = datetime.date(2026, 11, 20)
    assert communicators_remind(today=today) == 1
    assert mail.outbox[0].to == [communicator_user.email]
    assert "december 2026" in mail.outbox[0].body.lower()

    issue = IssueFactory(audiences=[audience])
    NewsletterIssue.objects.filter(pk=issue.pk).update(
        status=NewsletterIssue.Status.SCHEDULED,
        scheduled_at=datetime.datetime(2026, 12, 3, 9, tzinfo=datetime.UTC),
    )
    assert communicators_remind(today=today) == 0
    assert len(mail.outbox) == 1
