"""Computing everybody's digest takes the same number of queries however
many entries, owners and reminders there are."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.reviews.digests import digests_compute
from cms.reviews.services import person_mark_absent
from tests.cms.reviews.factories import intervention_due
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 20)


def queries_for_run() -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        digests = digests_compute(today=TODAY)
    return len(queries), sum(len(d.reminders) for d in digests)


def add_entries(org, count: int, start: int) -> None:
    for n in range(start, start + count):
        owner = PersonFactory(organisation=org, email=f"p{n}@example.se")
        intervention_due(
            parent=org,
            owner=owner,
            due=TODAY - datetime.timedelta(days=n % 40 - 10),
            title=f"Insats {n}",
        )
        if n % 5 == 0:
            person_mark_absent(person=owner, hand_over=False)


def test_query_count_does_not_grow(org_a, org_b, coordinator_a):
    add_entries(org_a, 2, 0)
    few_queries, few_reminders = queries_for_run()
    add_entries(org_a, 10, 2)
    add_entries(org_b, 6, 12)
    many_queries, many_reminders = queries_for_run()
    assert many_reminders > few_reminders
    assert few_queries == many_queries == 5
