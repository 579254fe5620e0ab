"""The suite's own set-up (tests/conftest.py)."""

import pytest

from tests.fake_items import FakeItem

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


def test_a_part_mark_given_outside_its_module_is_refused(tmp_path):
    """scripts/run-tests.sh finds the own-services and exclusive tests by the
    mark written in their module; one marked another way would run in no
    part, so collection stops with a message naming it."""
    from tests.conftest import _part_marks_written_in_their_modules

    written = tmp_path / "test_written.py"
    written.write_text("pytestmark = pytest.mark.own_services\n")
    elsewhere = tmp_path / "test_elsewhere.py"
    elsewhere.write_text("def test_it(): pass\n")

    own_services = pytest.mark.own_services.mark
    _part_marks_written_in_their_modules(
        [
            FakeItem(
                "test_written.py::test_it", path=written, own_services=own_services
            ),
            FakeItem("test_elsewhere.py::test_it", path=elsewhere),
        ]
    )
    marked_elsewhere = FakeItem(
        "test_elsewhere.py::test_it",
        path=elsewhere,
        exclusive=pytest.mark.exclusive.mark,
    )
    with pytest.raises(pytest.UsageError, match="test_elsewhere.py::test_it"):
        _part_marks_written_in_their_modules([marked_elsewhere])


def test_long_tests_without_a_database_go_first_longest_first():
    """The host project's and the settings' subprocess tests run while the
    template database is migrated, not alone at the end (where pytest-django
    puts tests without a database); other tests keep their order."""
    from tests.conftest import _long_tests_without_a_database_first

    items = [
        FakeItem("tests/cms/test_a.py::test_one", ["db"]),
        FakeItem("tests/config/test_settings.py::test_probe"),
        FakeItem(
            "tests/docker/test_entrypoint.py::test_db",
            django_db=pytest.mark.django_db.mark,
        ),
        FakeItem("tests/web/test_b.py::test_two"),
        FakeItem("tests/host/test_host.py::test_host"),
    ]
    _long_tests_without_a_database_first(items)

    assert [item.nodeid.rsplit("::", 1)[1] for item in items] == [
        "test_host",
        "test_probe",
        "test_one",
        "test_db",
        "test_two",
    ]
