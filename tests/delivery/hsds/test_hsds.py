"""The Open Referral HSDS 3 view (/api/hsds/): responses validate against the
official compiled schemas (vendored in tests/data/hsds-3/), with every
property name one the schema declares. The root, and the validation itself."""

import uuid
from urllib.parse import urlparse

import pytest

from tests.delivery.hsds.helpers import (
    ROOT,
)
from tests.delivery.hsds.hsds_validation import (
    SERVICE,
    validate,
)


def test_the_validation_bites():
    """A control: unknown names, nulls, bad ids and enum values fail."""
    good = {"id": str(uuid.uuid4()), "name": "x", "status": "active"}
    validate(good, SERVICE)
    for bad in (
        good | {"title": "x"},
        good | {"minimum_age": None},
        good | {"id": "1"},
        good | {"status": "ended"},
        good | {"last_modified": "igår"},
        good | {"languages": [{"id": str(uuid.uuid4()), "language": "sv"}]},
    ):
        with pytest.raises(AssertionError):
            validate(bad, SERVICE)


def test_root_describes_the_api(client):
    data = client.get(ROOT).json()
    assert data["version"] == "3.0"
    assert urlparse(data["profile"]).scheme == "https"
    assert data["openapi_url"].endswith("openapi.json")
