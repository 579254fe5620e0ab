import pytest

from tests.factories import (
    OrganisationPageFactory,
    RegionPageFactory,
    central_admin_of,
    editor_of,
)


@pytest.fixture
def region(db):
    return RegionPageFactory(
        title="Södertörn", slug="sodertorn", short_name="Södertörn"
    )


@pytest.fixture
def org_a(region):
    return OrganisationPageFactory(
        parent=region, title="Botkyrka kommun", slug="botkyrka"
    )


@pytest.fixture
def org_b(region):
    return OrganisationPageFactory(
        parent=region, title="Haninge kommun", slug="haninge"
    )


@pytest.fixture
def editor_a(org_a):
    return editor_of(org_a, username="editor_a")


@pytest.fixture
def central_admin(region):
    return central_admin_of(region, username="strategist")
