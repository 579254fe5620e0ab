"""Two daily runs at once (say, two beat processes by mistake) on
PostgreSQL: every person still gets exactly one digest."""

import datetime
import threading

import pytest

from django.db import connection

from cms.models import InterventionPage, ReviewDigest
from cms.reviews.sending import digests_send
from tests.factories import InterventionPageFactory, PersonFactory, publish

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

DAY = datetime.date(2026, 3, 1)


def test_overlapping_runs_send_each_digest_once(smtp_sink, org_a):
    owners = [
        PersonFactory(organisation=org_a, email=f"agare{n}@example.se")
        for n in range(12)
    ]
    for owner in owners:
        page = publish(InterventionPageFactory(parent=org_a, responsible_owner=owner))
        InterventionPage.objects.filter(pk=page.pk).update(next_review_due=DAY)

    results, errors = [], []
    start = threading.Barrier(2)

    def run():
        try:
            start.wait(10)
            results.append(digests_send(today=DAY))
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors
    assert sum(results) == 12
    messages = smtp_sink.wait_for(12)
    assert sorted(m["To"] for m in messages) == sorted(o.email for o in owners)
    assert len({m["Message-ID"] for m in messages}) == 12
    assert ReviewDigest.objects.filter(sent_at__isnull=False).count() == 12
