"""A drain that dies mid-chunk sends at most RECORD_SUCCESSES_EVERY accepted
events again (issue 18, item 13): the real loopback partner fails a request
mid-chunk and the database goes away at that moment (a PostgreSQL outage,
injected with Django's execute_wrapper), so nothing more is written; once it
is back, the next drain sends what was not recorded. Before, successes were
written once per chunk and the whole chunk's accepted events went again."""

import pytest

from django.db import OperationalError, connection
from django.utils import timezone

from sync.models import Delivery, DeliveryStatus
from sync.services import target_drain
from tests.factories import InterventionPageFactory, publish
from tests.sync.factories import target_for

pytestmark = pytest.mark.django_db

EVENTS = 30
FAILS_AT = 25  # the partner's 25th request fails, and the database with it
RECORD_EVERY = 10


def test_a_drain_dying_mid_chunk_repeats_at_most_one_recording_batch(
    region, org_a, partner, sync_settings, django_capture_on_commit_callbacks
):
    sync_settings.SAMVERKAN_SYNC = {
        **sync_settings.SAMVERKAN_SYNC,
        "RECORD_SUCCESSES_EVERY": RECORD_EVERY,
    }
    target = target_for(region, partner.url)
    with django_capture_on_commit_callbacks(execute=False):
        for number in range(EVENTS):
            publish(InterventionPageFactory(parent=org_a, title=f"Insats {number}"))
    partner.script.extend(["200"] * (FAILS_AT - 1) + ["500"])

    def database_outage(execute, sql, params, many, context):
        if len(partner.requests) >= FAILS_AT:
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(database_outage), pytest.raises(OperationalError):
        target_drain(target_id=target.pk)
    assert len(partner.applied) == FAILS_AT - 1

    # The database is back; the claimed rows' lease runs out.
    Delivery.objects.filter(status=DeliveryStatus.PENDING).update(
        next_attempt_at=timezone.now()
    )
    target_drain(target_id=target.pk)

    assert len(partner.applied) == EVENTS
    assert set(partner.applied.values()) == {1}  # each applied once
    assert 0 < partner.duplicates <= RECORD_EVERY
    assert set(Delivery.objects.values_list("status", flat=True)) == {
        DeliveryStatus.DELIVERED
    }
