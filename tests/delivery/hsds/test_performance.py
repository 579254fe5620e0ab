"""HSDS: constant query counts, conditional GET and the cache."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import (
    InterventionLocation,
    Language,
)
from tests.delivery.api.helpers import count_queries
from tests.delivery.hsds.helpers import (
    ORGANIZATIONS,
    SERVICES,
    names,
    service_url,
)
from tests.factories import (
    InterventionPageFactory,
    OrganisationPageFactory,
    PersonFactory,
    publish,
)


@pytest.mark.parametrize("url", [SERVICES, ORGANIZATIONS])
def test_query_count_is_constant(client, region, org_a, url):
    publish(InterventionPageFactory(parent=org_a))
    url += "?per_page=100"
    few = count_queries(client, url)
    for index in range(12):
        organisation = OrganisationPageFactory(parent=region)
        page = InterventionPageFactory(
            parent=organisation,
            provider=org_a if index % 2 else None,
            contact_person=PersonFactory(organisation=organisation),
        )
        page.languages.set(Language.objects.all()[:3])
        page.service_area.set([org_a, organisation])
        page.locations = [
            InterventionLocation(street_address=f"Väg {index}", city="Tumba")
        ]
        publish(page)
    assert count_queries(client, url) == few


def test_detail_query_count_does_not_grow_with_nested_rows(client, bank, org_a):
    small = publish(InterventionPageFactory(parent=org_a))
    assert count_queries(client, service_url(small.uuid)) == count_queries(
        client, service_url(bank["sfi"].uuid)
    )


def test_etag_304_and_cache(client, bank, org_a):
    first = client.get(SERVICES)
    assert first["ETag"] and first["X-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        not_modified = client.get(SERVICES, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304 and len(queries) == 0
    assert client.get(SERVICES)["X-Cache"] == "hit"
    publish(InterventionPageFactory(parent=org_a, title="Ny"))
    response = client.get(SERVICES, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200 and "Ny" in names(response)
