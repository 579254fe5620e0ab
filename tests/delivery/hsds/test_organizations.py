"""HSDS organizations validate."""

import uuid

from tests.delivery.hsds.helpers import (
    ORGANIZATIONS,
    names,
    organization_url,
)
from tests.delivery.hsds.hsds_validation import (
    ORGANIZATION,
    ORGANIZATION_LIST_ITEM,
    page_of,
    validate,
)


def test_organizations_validate(client, bank, org_a, org_b):
    data = client.get(ORGANIZATIONS).json()
    validate(data, page_of(ORGANIZATION_LIST_ITEM))
    assert {item["name"] for item in data["contents"]} == {
        "Botkyrka kommun",
        "Haninge kommun",
    }
    assert all("description" in item for item in data["contents"])
    assert names(client.get(ORGANIZATIONS, {"search": "söder"})) == {"Botkyrka kommun"}
    detail = client.get(organization_url(org_a.translation_key)).json()
    validate(detail, ORGANIZATION)
    assert detail["id"] == str(org_a.translation_key)
    assert detail["phones"][0]["number"] == "08-530 610 00"
    assert detail["organization_identifiers"][0]["identifier"] == "212000-2882"
    validate(client.get(organization_url(org_b.translation_key)).json(), ORGANIZATION)
    assert client.get(organization_url(uuid.uuid4())).status_code == 404
