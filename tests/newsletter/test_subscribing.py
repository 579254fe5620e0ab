"""Double opt-in, no enumeration, consent record, throttling, purge, and the
central admins' CSV import and export."""

import datetime
import re

import pytest

from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from newsletter.models import Subscriber, SubscriptionRequest
from newsletter.services.subscribers import subscribers_purge_unconfirmed
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.django_db
SUBSCRIBE = "/newsletter/subscribe/"


@pytest.fixture
def subscribe(client, django_capture_on_commit_callbacks):
    """Submit the public form (and run what it queues after commit)."""

    def post(email, audience, ip="192.0.2.10"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                SUBSCRIBE,
                {
                    "email": email,
                    "name": "Amina",
                    "organisation": "Botkyrka kommun",
                    "language": "sv",
                    "audiences": [audience.pk],
                    "consent": "on",
                },
                REMOTE_ADDR=ip,
            )

    return post


def _confirm_url(message) -> str:
    return next(
        line.strip().removeprefix("http://testserver")
        for line in message.body.splitlines()
        if "/newsletter/confirm/" in line
    )


def test_subscribing_records_consent_and_mails_a_confirmation_link(
    client, subscribe, audience
):
    response = subscribe("Amina@Example.org", audience)

    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "amina@example.org"
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.consent_source == Subscriber.Source.FORM
    assert subscriber.consent_policy_version == "2026-01"
    assert subscriber.consent_ip == "192.0.2.10"
    assert subscriber.consent_at is not None
    assert subscriber.confirmed_at is None
    assert list(subscriber.audiences.all()) == [audience]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amina@example.org"]
    assert "/newsletter/confirm/" in mail.outbox[0].body


def test_confirm_link_shows_a_button_and_only_post_confirms(
    client, subscribe, audience
):
    subscribe("amina@example.org", audience)
    url = _confirm_url(mail.outbox[0])

    shown = client.get(url)
    assert shown.status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING

    client.post(url)
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None


def test_a_tampered_or_expired_confirm_link_confirms_nothing(
    client, subscribe, audience, settings
):
    subscribe("amina@example.org", audience)
    url = _confirm_url(mail.outbox[0])

    assert client.post(url[:-3] + "xx/").status_code == 404
    settings.SAMVERKAN_NEWSLETTER = {"UNCONFIRMED_RETENTION_DAYS": 0}
    assert client.post(url).status_code == 404
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_same_answer_whether_the_address_exists(client, subscribe, audience):
    SubscriberFactory(email="known@example.org", audiences=[audience])

    new = subscribe("new@example.org", audience, ip="192.0.2.1")
    known = subscribe("known@example.org", audience, ip="192.0.2.2")

    assert new.status_code == known.status_code == 200
    assert new.content == known.content
    # The known reader is told, by mail only, that they already subscribe.
    known_mail = next(m for m in mail.outbox if m.to == ["known@example.org"])
    assert "/newsletter/confirm/" not in known_mail.body
    assert Subscriber.objects.get(email="known@example.org").status == "confirmed"


def test_subscribe_is_throttled_per_ip(client, subscribe, audience, settings):
    settings.SAMVERKAN_NEWSLETTER = {"SUBSCRIBE_RATE": 2}
    codes = [
        subscribe(f"a{n}@example.org", audience, ip="198.51.100.7").status_code
        for n in range(3)
    ]
    other_ip = subscribe("b@example.org", audience, ip="198.51.100.8")

    assert codes == [200, 200, 429]
    assert other_ip.status_code == 200
    assert not Subscriber.objects.filter(email="a2@example.org").exists()


def test_unconfirmed_addresses_are_purged_after_the_retention_period(audience):
    old = SubscriberFactory(status=Subscriber.Status.PENDING)
    Subscriber.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    fresh = SubscriberFactory(status=Subscriber.Status.PENDING)
    confirmed = SubscriberFactory()
    Subscriber.objects.filter(pk=confirmed.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=80)
    )

    assert subscribers_purge_unconfirmed() == 1
    assert set(Subscriber.objects.values_list("pk", flat=True)) == {
        fresh.pk,
        confirmed.pk,
    }


def test_central_admin_imports_csv_with_consent_source_and_exports(
    client, central_admin, audience, other_audience
):
    client.force_login(central_admin)
    csv_text = (
        "email,name,organisation,language,audiences\n"
        "Ali@Example.org,Ali,Haninge kommun,sv,internal-partners|external-partners\n"
        "bo@example.org,Bo,,en,\n"
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("samverkan_newsletter_import"),
        {
            "file": SimpleUploadedFile("s.csv", csv_text.encode(), "text/csv"),
            "consent_detail": "Partnerdagen 2026-03-12",
            "audiences": [audience.pk],
        },
    )

    assert response.status_code == 200
    ali = Subscriber.objects.get(email="ali@example.org")
    assert ali.status == Subscriber.Status.CONFIRMED
    assert ali.consent_source == Subscriber.Source.IMPORT
    assert ali.consent_detail == "Partnerdagen 2026-03-12"
    assert set(ali.audiences.values_list("slug", flat=True)) == {
        "internal-partners",
        "external-partners",
    }
    assert list(Subscriber.objects.get(email="bo@example.org").audiences.all()) == [
        audience
    ]

    export = client.get(reverse("samverkan_newsletter_export"))
    body = export.content.decode()
    assert export["Content-Type"].startswith("text/csv")
    assert "ali@example.org,Ali,Haninge kommun,sv" in body
    assert "Partnerdagen 2026-03-12" in body


def test_import_with_an_error_imports_nothing(client, central_admin, audience):
    client.force_login(central_admin)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("samverkan_newsletter_import"),
        {
            "file": SimpleUploadedFile(
                "s.csv", b"email,audiences\nok@example.org,\nnot-an-address,\n"
            ),
            "consent_detail": "Lista",
        },
    )
    assert "Row 3" in response.content.decode() or "Rad 3" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_editors_may_not_import_or_export(client, editor_a):
    client.force_login(editor_a)
    for name in ("samverkan_newsletter_export", "samverkan_newsletter_import"):
        response = client.get(reverse(name))
        # Wagtail answers a denied admin request with a redirect home.
        assert response.status_code == 302
        assert response["Location"] == "/admin/"


def test_new_and_confirmed_addresses_do_the_same_work_in_the_request(
    client, audience, django_capture_on_commit_callbacks
):
    """No oracle by time: the request reads nothing about the address and
    sends nothing; it writes one subscription request (the same statement
    for every address) and queues one task after commit, which does the
    rest."""
    known = SubscriberFactory(
        email="known@example.org",
        status=Subscriber.Status.CONFIRMED,
        audiences=[audience],
    )

    def request_work(email):
        statements = []

        def record(execute, sql, params, many, context):
            statements.append(sql)  # the statement, without its values
            return execute(sql, params, many, context)

        with (
            connection.execute_wrapper(record),
            django_capture_on_commit_callbacks() as queued,
        ):
            response = client.post(
                SUBSCRIBE,
                {"email": email, "language": "sv", "audiences": [audience.pk]}
                | {"consent": "on"},
                REMOTE_ADDR="192.0.2.1",
            )
        return {
            "answer": (response.status_code, response.content),
            # The same statements (savepoint names aside).
            "sql": [re.sub(r'"s\d+_x\d+"', "s", sql) for sql in statements],
            "queued": len(queued),
            "mail": len(mail.outbox),
        }

    new = request_work("new@example.org")
    assert new == request_work(known.email)
    writes = [
        sql for sql in new["sql"] if not sql.startswith(("SELECT", "SAVE", "RELEASE"))
    ]
    assert len(writes) == 1 and "subscriptionrequest" in writes[0], writes
    assert new["queued"] == 1
    assert mail.outbox == []
    assert not Subscriber.objects.filter(email="new@example.org").exists()
    assert SubscriptionRequest.objects.filter(email="new@example.org").count() == 1
