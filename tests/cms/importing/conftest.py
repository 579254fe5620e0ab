import pytest

from tests.factories import PersonFactory


@pytest.fixture
def people(org_a, org_b):
    return {
        "owner": PersonFactory(
            organisation=org_a, email="anna.berg@botkyrka.example.se"
        ),
        "contact": PersonFactory(
            organisation=org_a, email="omar.said@botkyrka.example.se"
        ),
        "other": PersonFactory(organisation=org_b, email="lisa.ek@haninge.example.se"),
    }
