"""The region and organisations most tests stand on, built once per module.

Building the region and its two organisations provisions groups,
collections and rights through the services, about 140 queries (0.13 s)
per test, for some 800 tests. In a module where no test is transactional,
they are built once, inside a transaction that stays open for the module
and is rolled back after it (as the permission matrix does with its own
world). Each test's own transaction is then a savepoint inside it, so what
a test changes is rolled back as before; the `region`, `org_a` and `org_b`
fixtures give each test fresh instances read from the database.

What a module's world holds is what its tests ask for: the region, and
`org_a` and `org_b` when any test of the module uses them. A test that asks
for the region alone may so find the organisations beside it; one that must
not (it counts or creates organisations) is marked `fresh_region`.

A module is left to build per test when one of its tests is transactional
(its commits and the emptying of the database after it cannot happen inside
the module's transaction), uses a database fixture of a wider scope of its
own (it builds its own world) or is marked `fresh_region`."""

from dataclasses import dataclass

import pytest

PARTS = ("region", "org_a", "org_b")
PLAN = pytest.StashKey[dict[str, frozenset[str]]]()


@dataclass(frozen=True)
class World:
    region: int
    org_a: int | None
    org_b: int | None


def plan(config, items) -> None:
    """Which modules share a world, and what it holds (read at collection)."""
    parts: dict[str, set[str]] = {}
    users: dict[str, int] = {}
    excluded: set[str] = set()
    for item in items:
        module = _module_of(item.nodeid)
        names = set(getattr(item, "fixturenames", ()))
        used = names & set(PARTS)
        parts.setdefault(module, set()).update(used)
        users[module] = users.get(module, 0) + bool(used)
        if (
            _transactional(item)
            or _builds_own_world(item)
            or item.get_closest_marker("fresh_region") is not None
        ):
            excluded.add(module)
    config.stash[PLAN] = {
        module: frozenset(found | {"region"})
        for module, found in parts.items()
        if module not in excluded and users[module] >= 2
    }


def parts_for(request) -> frozenset[str]:
    return request.config.stash.get(PLAN, {}).get(
        _module_of(request.node.nodeid), frozenset()
    )


def build(parts: frozenset[str]) -> World:
    region = region_build()
    org_a = org_a_build(region).pk if "org_a" in parts else None
    org_b = org_b_build(region).pk if "org_b" in parts else None
    return World(region=region.pk, org_a=org_a, org_b=org_b)


def region_build():
    """The tests' region, as `region` gives it (shared or not)."""
    from tests.factories import RegionPageFactory

    return RegionPageFactory(
        title="Södertörn", slug="sodertorn", short_name="Södertörn"
    )


def org_a_build(region):
    from tests.factories import OrganisationPageFactory

    return OrganisationPageFactory(
        parent=region, title="Botkyrka kommun", slug="botkyrka"
    )


def org_b_build(region):
    from tests.factories import OrganisationPageFactory

    return OrganisationPageFactory(
        parent=region, title="Haninge kommun", slug="haninge"
    )


def _module_of(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def _transactional(item) -> bool:
    """Read from the django_db mark, which tests/conftest.py puts first on
    every transactional test before the plan is made."""
    marker = item.get_closest_marker("django_db")
    return bool(
        marker is not None
        and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    )


def _builds_own_world(item) -> bool:
    """A fixture wider than the test that opens the database itself."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return False
    for name, definitions in info.name2fixturedefs.items():
        definition = definitions[-1]
        if (
            name != "django_db_setup"
            and definition.scope != "function"
            and "django_db_blocker" in definition.argnames
            and not definition.func.__module__.startswith("pytest_django")
        ):
            return True
    return False
