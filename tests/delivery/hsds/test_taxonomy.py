"""HSDS taxonomy terms are our categories."""

import uuid

from django.urls import reverse

from cms.models import (
    InterventionCategory,
)
from tests.delivery.hsds.helpers import (
    SERVICES,
    names,
)
from tests.delivery.hsds.hsds_validation import (
    SERVICE_URI,
    page_of,
    validate,
)


def test_taxonomy_terms_are_our_categories(client, bank):
    taxonomies = client.get(reverse("api-hsds:taxonomy-list")).json()
    [taxonomy] = taxonomies["contents"]
    validate(taxonomy, {"$ref": f"{SERVICE_URI}#/definitions/taxonomy"})
    detail = reverse("api-hsds:taxonomy-detail", args=(taxonomy["id"],))
    assert client.get(detail).json() == taxonomy

    terms = client.get(reverse("api-hsds:taxonomy-term-list"), {"per_page": 100})
    term_schema = {"$ref": f"{SERVICE_URI}#/definitions/taxonomy_term"}
    validate(terms.json(), page_of(term_schema))
    by_code = {term["code"]: term for term in terms.json()["contents"]}
    assert set(by_code) == set(
        InterventionCategory.objects.values_list("slug", flat=True)
    )
    sfi = by_code["sfi"]
    assert sfi["taxonomy_id"] == taxonomy["id"]
    term_url = reverse("api-hsds:taxonomy-term-detail", args=(sfi["id"],))
    assert client.get(term_url).json() == sfi
    # The ids a partner reads here are the ones the services filter takes.
    assert names(client.get(SERVICES, {"taxonomy_term_id": sfi["id"]})) == {
        "SFI Tumba",
        "Avslutad kurs",
    }
    assert len(names(client.get(SERVICES, {"taxonomy_id": taxonomy["id"]}))) == 3
    assert names(client.get(SERVICES, {"taxonomy_id": str(uuid.uuid4())})) == set()
    missing = reverse("api-hsds:taxonomy-term-detail", args=(str(uuid.uuid4()),))
    assert client.get(missing).status_code == 404
