"""cms.content.prefetching: the same related rows as Django's prefetch_related, in
the same order, in a fixed number of queries and none afterwards."""

import datetime

import pytest

from django.db import connection
from django.db.models import Prefetch
from django.test.utils import CaptureQueriesContext

from cms import selectors
from cms.content.prefetching import evaluate, prefetch_many, related
from cms.models import (
    InterventionClosure,
    InterventionLocation,
    InterventionOpeningTime,
    InterventionPage,
    Language,
)
from tests.factories import (
    InterventionPageFactory,
    OrganisationPageFactory,
    publish,
)

pytestmark = pytest.mark.django_db

RELATIONS = ("service_area", "languages", "locations", "opening_times", "closures")


def _intervention(parent, served, number):
    page = InterventionPageFactory(parent=parent)
    page.languages.set(
        Language.objects.filter(code__in=["sv", "ar", "so"][: number + 1])
    )
    page.service_area.set(served)
    page.locations = [
        InterventionLocation(street_address=f"Gata {n}", city="Tumba")
        for n in range(number)
    ]
    page.opening_times = [
        InterventionOpeningTime(
            weekday=weekday, opens=datetime.time(9), closes=datetime.time(12)
        )
        for weekday in range(number, 0, -1)
    ]
    page.closures = [
        InterventionClosure(
            start_date=datetime.date(2026, 7, 1), end_date=datetime.date(2026, 7, 31)
        )
    ] * (number % 2)
    return publish(page)


@pytest.fixture
def interventions(region, org_a, org_b):
    never_published = OrganisationPageFactory(parent=region, live=False)
    return [
        _intervention(org_a, [org_b, never_published, org_a], number)
        for number in range(3)
    ]


def _shown(pages):
    return {
        page.pk: {name: [obj.pk for obj in related(page, name)] for name in RELATIONS}
        for page in pages
    }


def test_the_rows_and_order_of_djangos_prefetch(interventions):
    ours = evaluate(selectors.interventions_published())
    django = list(selectors.interventions_published())
    assert _shown(ours) == _shown(django)
    # The fixture has something to compare: rows, and a filtered queryset
    # (the never-published organisation is left out of the service area).
    shown = _shown(ours)
    assert sum(len(rows) for page in shown.values() for rows in page.values()) > 15
    assert all(len(page["service_area"]) == 2 for page in shown.values())


def test_no_query_after_prefetching_managers_included(interventions):
    pages = evaluate(selectors.interventions_published())
    with CaptureQueriesContext(connection) as queries:
        for page in pages:
            for name in RELATIONS:
                list(getattr(page, name).all())
                list(related(page, name))
    assert len(queries) == 0


def test_a_fixed_number_of_queries(region, org_a, org_b, interventions):
    def count():
        with CaptureQueriesContext(connection) as queries:
            evaluate(selectors.interventions_published())
        return len(queries)

    before = count()
    for number in range(4):
        _intervention(org_b, [org_a], number)
    # The pages, one query per relation, and the
    # view restrictions read by public() for the pages and the organisations.
    assert count() == before == 1 + 5 + 2


def test_other_lookups_are_left_to_django(interventions):
    pages = list(InterventionPage.objects.live().order_by("pk"))
    prefetch_many(pages, "category", Prefetch("languages"))
    with CaptureQueriesContext(connection) as queries:
        categories = [page.category.slug for page in pages]
        languages = [len(page.languages.all()) for page in pages]
    assert len(queries) == 0
    assert categories == ["sfi"] * 3
    assert languages == [1, 2, 3]


def test_to_attr_is_refused(interventions):
    with pytest.raises(ValueError, match="to_attr"):
        prefetch_many(
            list(InterventionPage.objects.all()), Prefetch("languages", to_attr="x")
        )
