"""Property-based checks of the delivery API against its own OpenAPI schema
(Schemathesis): generated requests for every operation, valid and invalid
parameters alike, never give a server error, and every response conforms to
the schema."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from config.wsgi import application
from tests.factories import (
    CollaborationGroupFactory,
    GroupMembershipFactory,
    InterventionPageFactory,
    NewsPageFactory,
    PersonFactory,
    publish,
)

OPERATIONS = [
    "GET /api/v1/interventions/",
    "GET /api/v1/interventions/{lookup}/",
    "GET /api/v1/organisations/",
    "GET /api/v1/organisations/{lookup}/",
    "GET /api/v1/news/",
    "GET /api/v1/news/{lookup}/",
    "GET /api/v1/events/",
    "GET /api/v1/events/{lookup}/",
    "GET /api/v1/groups/",
    "GET /api/v1/groups/{lookup}/",
    "GET /api/v1/people/",
    "GET /api/v1/people/{lookup}/",
    "GET /api/v1/changes/",
    "GET /api/v1/preview/",
    "GET /api/hsds/",
    "GET /api/hsds/services",
    "GET /api/hsds/services/{id}",
    "GET /api/hsds/organizations",
    "GET /api/hsds/organizations/{id}",
    "GET /api/hsds/taxonomies",
    "GET /api/hsds/taxonomies/{id}",
    "GET /api/hsds/taxonomy_terms",
    "GET /api/hsds/taxonomy_terms/{id}",
    "GET /feeds/news.rss",
    "GET /feeds/news.atom",
    "GET /feeds/events.ics",
]


@pytest.fixture
def keep_connection():
    """Calling the WSGI application directly (as Schemathesis does) would
    close the test's database connection at the end of each request, as it
    does in production; Django's test client turns that off, and so do we."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(db, org_a, keep_connection):
    # Something to find, so filters and details have content to work on.
    publish(InterventionPageFactory(parent=org_a, title="SFI Tumba", min_age=18))
    publish(NewsPageFactory(parent=org_a, title="Nyhet"))
    group = CollaborationGroupFactory(region=org_a.get_parent().specific, slug="styr")
    GroupMembershipFactory(group=group, person=PersonFactory(organisation=org_a))
    cache.clear()
    return schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)


def test_the_list_covers_every_operation(api_schema):
    found = {
        f"{result.ok().method.upper()} {result.ok().path}"
        for result in api_schema.get_all_operations()
    }
    assert found == set(OPERATIONS)


@pytest.mark.parametrize("label", OPERATIONS)
def test_no_server_error_and_responses_match_the_schema(api_schema, label):
    method, path = label.split(" ")
    operation = api_schema[path][method]

    # Few parameters have little to vary: fewer examples keep the run short.
    count = len(list(operation.iter_parameters()))
    examples = 25 if count >= 2 else 10 if count else 3

    @given(case=operation.as_strategy())
    @settings(
        max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck)
    )
    def check(case):
        # Every check but "schema-valid data must be accepted": an opaque
        # cursor is a string by schema and still refused when it is not ours.
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    check()
