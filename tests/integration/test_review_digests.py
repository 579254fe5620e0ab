"""The daily review digests run in a real Celery worker over Redis and
PostgreSQL and send through a real SMTP server."""

import datetime

import pytest

from cms.models import InterventionPage, Reminder, ReviewDigest
from cms.reviews.tasks import reviews_send_digests
from tests.cms.reviews.factories import coordinator_of
from tests.factories import InterventionPageFactory, PersonFactory, publish

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def run(day: str) -> int:
    return reviews_send_digests.delay(today=day).get(timeout=60)


def test_the_worker_walks_the_ladder_and_never_sends_twice(
    celery_worker, smtp_sink, org_a
):
    coordinator_of(org_a, name="Karin Samordnare", email="karin@example.se")
    owner = PersonFactory(organisation=org_a, name="Omar", email="omar@example.se")
    page = publish(
        InterventionPageFactory(
            parent=org_a, title="SFI Tumba", responsible_owner=owner
        )
    )
    InterventionPage.objects.filter(pk=page.pk).update(
        next_review_due=datetime.date(2026, 3, 1)
    )

    assert run("2026-02-10") == 0
    assert run("2026-02-15") == 1  # heads-up
    assert run("2026-02-15") == 0  # a repeated run sends nothing
    assert run("2026-03-01") == 1  # due
    assert run("2026-03-08") == 1  # reminder
    assert run("2026-03-15") == 2  # owner and coordinator
    assert run("2026-03-31") == 0  # 30 days: the report's business, no mail

    messages = smtp_sink.wait_for(5)
    assert [m["To"] for m in messages[:3]] == ["omar@example.se"] * 3
    assert sorted(m["To"] for m in messages[3:]) == [
        "karin@example.se",
        "omar@example.se",
    ]
    assert sorted(m["Message-ID"] for m in messages) == sorted(
        ReviewDigest.objects.values_list("message_id", flat=True)
    )
    for message in messages:
        assert "SFI Tumba" in message.get_body(("plain",)).get_content()
        assert "SFI Tumba" in message.get_body(("html",)).get_content()
        assert message["Subject"].startswith("Samverkan: 1 insats att granska")
    assert Reminder.objects.filter(recipient=owner).count() == 4
