"""The suite's own set-up (tests/conftest.py)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True, databases=["default"])
def test_a_transactional_test_of_its_own_mark_gets_the_migrated_data_back(request):
    """A test marked transactional by itself, in a module marked django_db,
    still restores the migrated data when it ends (and keeps its own
    options): the mark the suite adds is the closest."""
    marker = request.node.get_closest_marker("django_db")
    assert marker.kwargs == {
        "transaction": True,
        "databases": ["default"],
        "serialized_rollback": True,
    }
