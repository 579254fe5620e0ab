import pytest

from tests.newsletter.factories import AudienceFactory, communicator


@pytest.fixture
def audience(db):
    return AudienceFactory(name="Interna partner", slug="internal-partners")


@pytest.fixture
def other_audience(db):
    return AudienceFactory(name="Externa partner", slug="external-partners")


@pytest.fixture
def communicator_user(db):
    return communicator(username="kommunikator")


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
