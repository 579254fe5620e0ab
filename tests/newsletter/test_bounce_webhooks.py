"""Bounces and complaints from mail providers through django-anymail's
tracking webhooks: real Postmark and Mailgun payloads posted to the real
endpoints. Hard bounces and complaints stop mail at once, soft bounces count
up to the limit (each message once), unsubscribes unsubscribe, deliveries end
a run of soft bounces; wrong credentials change nothing."""

import base64
import copy
import hashlib
import hmac
import json

import pytest

from newsletter.models import Subscriber
from newsletter.selectors import issue_recipients
from newsletter.services.bounces import tracking_event_kind
from tests.newsletter.factories import IssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

BASIC_AUTH = "anymail:7Jx-webhook-pass"
MAILGUN_KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0"
POSTMARK_URL = "/newsletter/webhooks/anymail/postmark/tracking/"
MAILGUN_URL = "/newsletter/webhooks/anymail/mailgun/tracking/"
Status = Subscriber.Status

# Postmark's bounce webhook as its documentation shows it.
POSTMARK_HARD_BOUNCE = {
    "RecordType": "Bounce",
    "MessageStream": "broadcast",
    "ID": 4323372036854775807,
    "Type": "HardBounce",
    "TypeCode": 1,
    "Name": "Hard bounce",
    "Tag": "nyhetsbrev",
    "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
    "Metadata": {},
    "ServerID": 23,
    "Description": "The server was unable to deliver your message (ex: unknown user, mailbox not found).",
    "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
    "Email": "hard@example.org",
    "From": "nyhetsbrev@samverkan.example.se",
    "BouncedAt": "2026-03-05T16:33:54.9070259Z",
    "DumpAvailable": True,
    "Inactive": True,
    "CanActivate": True,
    "Subject": "Marsnytt",
    "Content": "",
}
POSTMARK_SOFT_BOUNCE = {
    **POSTMARK_HARD_BOUNCE,
    "ID": 4323372036854775808,
    "Type": "SoftBounce",
    "TypeCode": 4096,
    "Name": "Soft bounce",
    "Description": "Unable to temporarily deliver this email.",
    "Details": "smtp;452 4.2.2 The email account that you tried to reach is over quota.",
    "Email": "soft@example.org",
    "Inactive": False,
}
POSTMARK_COMPLAINT = {
    **POSTMARK_HARD_BOUNCE,
    "RecordType": "SpamComplaint",
    "ID": 42,
    "Type": "SpamComplaint",
    "TypeCode": 512,
    "Name": "Spam complaint",
    "Description": "",
    "Details": "Test spam complaint details",
    "Email": "spam@example.org",
    "CanActivate": False,
}
POSTMARK_DELIVERY = {
    "RecordType": "Delivery",
    "ServerID": 23,
    "MessageStream": "broadcast",
    "MessageID": "7f5e5ab2-7c38-4b63-9ac6-0c4e7b0c4a11",
    "Recipient": "soft@example.org",
    "Tag": "nyhetsbrev",
    "DeliveredAt": "2026-04-05T16:33:54.9070259Z",
    "Details": "smtp;250 2.0.0 OK",
    "Metadata": {},
}
POSTMARK_UNSUBSCRIBE = {
    "RecordType": "SubscriptionChange",
    "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
    "ServerID": 23,
    "MessageStream": "broadcast",
    "ChangedAt": "2026-03-06T10:53:34.416071Z",
    "Recipient": "leaving@example.org",
    "Origin": "Recipient",
    "SuppressSending": True,
    "SuppressionReason": "ManualSuppression",
    "Tag": "nyhetsbrev",
    "Metadata": {},
}

# Mailgun's JSON webhooks (event-data) as its documentation shows them.
MAILGUN_PERMANENT_FAILURE = {
    "signature": {},
    "event-data": {
        "event": "failed",
        "id": "G9Bn5sl1TC6nu79C8C0bwg",
        "timestamp": 1772700000.375624,
        "log-level": "error",
        "severity": "permanent",
        "reason": "bounce",
        "recipient": "hard@example.org",
        "recipient-domain": "example.org",
        "envelope": {
            "sender": "nyhetsbrev@samverkan.example.se",
            "transport": "smtp",
            "targets": "hard@example.org",
        },
        "delivery-status": {
            "attempt-no": 1,
            "message": "550 5.1.1 The email account that you tried to reach does not exist.",
            "code": 550,
            "description": "",
            "session-seconds": 0.4,
        },
        "message": {
            "headers": {
                "to": "hard@example.org",
                "message-id": "20260305182626.18666.16540@samverkan.example.se",
                "from": "nyhetsbrev@samverkan.example.se",
                "subject": "Marsnytt",
            },
            "attachments": [],
            "size": 23111,
        },
        "user-variables": {},
        "tags": ["nyhetsbrev"],
        "campaigns": [],
    },
}
MAILGUN_TEMPORARY_FAILURE = copy.deepcopy(MAILGUN_PERMANENT_FAILURE)
MAILGUN_TEMPORARY_FAILURE["event-data"].update(
    {
        "log-level": "warn",
        "severity": "temporary",
        "reason": "generic",
        "recipient": "soft@example.org",
        "delivery-status": {
            "attempt-no": 1,
            "message": "4.2.2 The email account that you tried to reach is over quota.",
            "code": 452,
            "description": "",
            "retry-seconds": 600,
            "session-seconds": 0.3,
        },
    }
)
MAILGUN_COMPLAINT = {
    "signature": {},
    "event-data": {
        "event": "complained",
        "id": "-Agny091SquKnsrW2NEKUA",
        "timestamp": 1772700100.0,
        "log-level": "warn",
        "recipient": "spam@example.org",
        "message": {
            "headers": {
                "to": "spam@example.org",
                "message-id": "20260305182626.18666.16541@samverkan.example.se",
                "from": "nyhetsbrev@samverkan.example.se",
                "subject": "Marsnytt",
            },
            "attachments": [],
            "size": 23111,
        },
        "tags": ["nyhetsbrev"],
        "user-variables": {},
        "campaigns": [],
    },
}


def _auth(credentials: str = BASIC_AUTH) -> dict:
    return {
        "HTTP_AUTHORIZATION": "Basic " + base64.b64encode(credentials.encode()).decode()
    }


def _post(client, url, payload, credentials=BASIC_AUTH):
    extra = _auth(credentials) if credentials else {}
    return client.post(
        url, data=json.dumps(payload), content_type="application/json", **extra
    )


def _mailgun(payload, message_id=None, key=MAILGUN_KEY):
    """The payload signed as Mailgun signs it (HMAC-SHA256 of timestamp and
    token with the webhook signing key)."""
    signed = copy.deepcopy(payload)
    token = hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
    timestamp = "1772700000"
    signed["signature"] = {
        "timestamp": timestamp,
        "token": token,
        "signature": hmac.new(
            key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256
        ).hexdigest(),
    }
    if message_id:
        signed["event-data"]["message"]["headers"]["message-id"] = message_id
    return signed


def _postmark(payload, **changes):
    return {**payload, **changes}


@pytest.fixture
def providers(settings):
    settings.ANYMAIL = {
        "WEBHOOK_SECRET": BASIC_AUTH,
        "MAILGUN_WEBHOOK_SIGNING_KEY": MAILGUN_KEY,
    }
    settings.SAMVERKAN_NEWSLETTER = {"SOFT_BOUNCE_LIMIT": 3}


@pytest.fixture
def readers(audience):
    return {
        name: SubscriberFactory(email=f"{name}@example.org", audiences=[audience])
        for name in ("hard", "soft", "spam", "leaving", "fine")
    }


def _statuses(readers) -> dict[str, str]:
    return {
        name: Subscriber.objects.get(pk=reader.pk).status
        for name, reader in readers.items()
    }


def _soft_count(readers) -> int:
    return Subscriber.objects.get(pk=readers["soft"].pk).soft_bounces


def test_postmark_hard_bounce_complaint_and_unsubscribe_stop_mail(
    client, providers, readers, audience
):
    for payload in (POSTMARK_HARD_BOUNCE, POSTMARK_COMPLAINT, POSTMARK_UNSUBSCRIBE):
        assert _post(client, POSTMARK_URL, payload).status_code == 200

    assert _statuses(readers) == {
        "hard": Status.BOUNCED,
        "soft": Status.CONFIRMED,
        "spam": Status.COMPLAINED,
        "leaving": Status.UNSUBSCRIBED,
        "fine": Status.CONFIRMED,
    }
    issue = IssueFactory(audiences=[audience])
    assert {s.email for s in issue_recipients(issue=issue)} == {
        "soft@example.org",
        "fine@example.org",
    }


def test_postmark_soft_bounces_count_once_per_message_up_to_the_limit(
    client, providers, readers
):
    first = _postmark(POSTMARK_SOFT_BOUNCE, MessageID="msg-1")
    assert _post(client, POSTMARK_URL, first).status_code == 200
    _post(client, POSTMARK_URL, first)  # the webhook delivered twice
    assert _soft_count(readers) == 1

    _post(client, POSTMARK_URL, _postmark(POSTMARK_DELIVERY, MessageID="msg-2"))
    assert _soft_count(readers) == 0  # a delivery ends the run

    for message in ("msg-3", "msg-4"):
        _post(client, POSTMARK_URL, _postmark(POSTMARK_SOFT_BOUNCE, MessageID=message))
    assert _statuses(readers)["soft"] == Status.CONFIRMED
    assert _soft_count(readers) == 2

    _post(client, POSTMARK_URL, _postmark(POSTMARK_SOFT_BOUNCE, MessageID="msg-5"))
    assert _statuses(readers)["soft"] == Status.BOUNCED


def test_mailgun_permanent_failure_temporary_failures_and_complaint(
    client, providers, readers
):
    assert (
        _post(client, MAILGUN_URL, _mailgun(MAILGUN_PERMANENT_FAILURE)).status_code
        == 200
    )
    assert _post(client, MAILGUN_URL, _mailgun(MAILGUN_COMPLAINT)).status_code == 200
    # Mailgun reports every retry of one message: that counts once.
    for _retry in range(3):
        _post(client, MAILGUN_URL, _mailgun(MAILGUN_TEMPORARY_FAILURE, "<m1@x>"))
    assert _soft_count(readers) == 1
    assert _statuses(readers)["soft"] == Status.CONFIRMED

    for message_id in ("<m2@x>", "<m3@x>"):
        _post(client, MAILGUN_URL, _mailgun(MAILGUN_TEMPORARY_FAILURE, message_id))

    statuses = _statuses(readers)
    assert statuses["hard"] == Status.BOUNCED
    assert statuses["spam"] == Status.COMPLAINED
    assert statuses["soft"] == Status.BOUNCED
    assert statuses["fine"] == Status.CONFIRMED


@pytest.mark.parametrize(
    ("url", "payload"),
    [
        (POSTMARK_URL, POSTMARK_HARD_BOUNCE),
        (MAILGUN_URL, _mailgun(MAILGUN_PERMANENT_FAILURE)),
    ],
    ids=["postmark", "mailgun"],
)
@pytest.mark.parametrize(
    "credentials", [None, "anymail:wrong", "other:7Jx-webhook-pass"]
)
def test_missing_or_wrong_basic_auth_is_refused_and_changes_nothing(
    client, providers, readers, url, payload, credentials
):
    response = _post(client, url, payload, credentials=credentials)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Basic ")
    assert _statuses(readers)["hard"] == Status.CONFIRMED


def test_a_forged_mailgun_signature_is_refused_even_with_the_password(
    client, providers, readers
):
    forged = _mailgun(MAILGUN_PERMANENT_FAILURE, key="key-guessed")
    assert _post(client, MAILGUN_URL, forged).status_code == 400
    assert _statuses(readers)["hard"] == Status.CONFIRMED


def test_webhooks_are_off_until_a_secret_is_configured(client, settings, readers):
    settings.ANYMAIL = {}
    response = _post(client, POSTMARK_URL, POSTMARK_HARD_BOUNCE)
    assert response.status_code == 403
    assert _statuses(readers)["hard"] == Status.CONFIRMED


def test_events_for_unknown_addresses_and_opens_change_nothing(
    client, providers, readers
):
    stranger = _postmark(POSTMARK_HARD_BOUNCE, Email="stranger@example.org")
    opened = {
        "RecordType": "Open",
        "MessageStream": "broadcast",
        "Recipient": "hard@example.org",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "ReceivedAt": "2026-03-05T16:40:00Z",
        "Metadata": {},
    }
    assert _post(client, POSTMARK_URL, stranger).status_code == 200
    assert _post(client, POSTMARK_URL, opened).status_code == 200
    assert not Subscriber.objects.filter(email="stranger@example.org").exists()
    assert set(_statuses(readers).values()) == {Status.CONFIRMED}


@pytest.mark.parametrize(
    ("event_type", "reject_reason", "esp_name", "esp_event", "kind"),
    [
        ("bounced", "bounced", "Mailgun", {}, "hard"),
        ("bounced", "invalid", "Brevo", {"event": "invalid_email"}, "hard"),
        ("bounced", "bounced", "Postmark", {"Type": "SoftBounce"}, "soft"),
        ("bounced", "bounced", "Brevo", {"event": "soft_bounce"}, "soft"),
        (
            "bounced",
            "bounced",
            "Amazon SES",
            {"bounce": {"bounceType": "Transient"}},
            "soft",
        ),
        (
            "bounced",
            "bounced",
            "Amazon SES",
            {"bounce": {"bounceType": "Permanent"}},
            "hard",
        ),
        ("bounced", "bounced", "Mailjet", {"hard_bounce": False}, "soft"),
        ("bounced", "other", "SparkPost", {}, "soft"),
        ("bounced", "timed_out", "Mailgun", {}, "soft"),
        ("deferred", None, "Mailgun", {}, "soft"),
        ("rejected", "invalid", "Postmark", {}, "hard"),
        ("rejected", "bounced", "Mailgun", {}, "hard"),
        ("rejected", "blocked", "Postmark", {}, "soft"),
        ("rejected", "spam", "Mailgun", {}, "complaint"),
        ("rejected", "unsubscribed", "Mailgun", {}, "unsubscribe"),
        ("complained", "spam", "Postmark", {}, "complaint"),
        ("unsubscribed", "unsubscribed", "Postmark", {}, "unsubscribe"),
        ("delivered", None, "Postmark", {}, "delivered"),
        ("opened", None, "Postmark", {}, None),
        ("sent", None, "Mailgun", {}, None),
    ],
)
def test_what_each_normalised_event_means(
    event_type, reject_reason, esp_name, esp_event, kind
):
    assert (
        tracking_event_kind(
            event_type=event_type,
            reject_reason=reject_reason,
            esp_name=esp_name,
            esp_event=esp_event,
        )
        == kind
    )
