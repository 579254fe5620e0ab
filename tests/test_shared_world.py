"""The region and organisations built once per module (tests/shared_world.py):
this module is one that shares them."""

import pytest

from cms.models import OrganisationPage, RegionPage
from tests import shared_world
from tests.fake_items import FakeItem

pytestmark = pytest.mark.django_db


def test_the_fixtures_read_the_modules_world(
    request, _shared_world, region, org_a, org_b
):
    assert _shared_world is not None
    assert shared_world.parts_for(request) == {"region", "org_a", "org_b"}
    assert (region.pk, org_a.pk, org_b.pk) == (
        _shared_world.region,
        _shared_world.org_a,
        _shared_world.org_b,
    )
    assert org_a.get_parent().pk == region.pk
    # Built once: one region and these two organisations, whichever test ran first.
    assert RegionPage.objects.count() == 1
    assert set(OrganisationPage.objects.values_list("slug", flat=True)) == {
        "botkyrka",
        "haninge",
    }


@pytest.mark.parametrize("title", ["Ändrad 1", "Ändrad 2"])
def test_what_a_test_changes_is_rolled_back(region, org_a, title):
    """Each case finds the organisation as built, renames it and leaves the
    rename to its own rollback: the second case to run would see the
    first's title otherwise (on the same worker, or in one process)."""
    assert OrganisationPage.objects.get(pk=org_a.pk).title == "Botkyrka kommun"
    org_a.title = title
    org_a.save()
    assert OrganisationPage.objects.get(pk=org_a.pk).title == title


@pytest.mark.parametrize("case", [1, 2])
def test_fresh_instances_each_test(region, org_a, case):
    """An instance changed in memory by another test is not handed on: the
    second case to run would see the first's change otherwise."""
    assert org_a.title == "Botkyrka kommun"
    org_a.title = f"Bara i minnet {case}"


def test_the_plan_shares_only_where_it_is_safe():
    config = type("Config", (), {"stash": pytest.Stash()})()
    transactional = pytest.mark.django_db(transaction=True).mark
    items = [
        FakeItem("a.py::one", ["db", "region", "org_a"]),
        FakeItem("a.py::two", ["db", "region"]),
        FakeItem("b.py::one", ["db", "region"]),
        FakeItem("b.py::two", ["db", "region"], django_db=transactional),
        FakeItem("c.py::one", ["db", "region"]),
        FakeItem(
            "c.py::two", ["db", "org_b"], fresh_region=pytest.mark.fresh_region.mark
        ),
        FakeItem("d.py::one", ["db", "region"]),
        FakeItem("d.py::two", ["db"]),
    ]
    shared_world.plan(config, items)
    # a.py shares what its tests ask for; b.py has a transactional test,
    # c.py a test that must have its own, d.py one user only.
    assert config.stash[shared_world.PLAN] == {"a.py": {"region", "org_a"}}
