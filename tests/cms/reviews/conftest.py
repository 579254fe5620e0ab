import pytest

from tests.cms.importing.conftest import people  # noqa: F401 (fixture)
from tests.cms.reviews.factories import coordinator_of
from tests.factories import PersonFactory


@pytest.fixture
def owner_a(org_a, editor_a):
    """The responsible owner at Botkyrka, with a CMS account."""
    return PersonFactory(
        organisation=org_a, user=editor_a, name="Elin Ägare", email="elin@example.se"
    )


@pytest.fixture
def coordinator_a(org_a):
    return coordinator_of(org_a, name="Karin Samordnare", email="karin@example.se")
