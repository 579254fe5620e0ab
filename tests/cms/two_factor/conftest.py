import pytest


@pytest.fixture
def require_for_central_admins(settings):
    settings.SAMVERKAN_TWO_FACTOR = {
        **settings.SAMVERKAN_TWO_FACTOR,
        "REQUIRED_FOR": "central_admins",
    }
