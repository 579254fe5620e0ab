import socket

import pytest

from tests import db_template, shared_world
from tests.factories import (
    central_admin_of,
    editor_of,
)
from tests.smtp_sink import SmtpSink


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """The test database, cloned from a template migrated once per server
    (tests/db_template.py); Django's own setup (as pytest-django does it)
    without migrations or on a database that cannot clone."""
    keep = django_db_keepdb and not django_db_createdb
    if not django_db_use_migrations or not db_template.supports_templates():
        yield from db_template.plain_setup(
            request, django_db_blocker, keep, django_db_use_migrations
        )
        return
    with django_db_blocker.unblock():
        original = db_template.setup_from_template(keep=keep)
    yield
    if not keep:
        with django_db_blocker.unblock():
            db_template.teardown("default", original)


def pytest_collection_modifyitems(config, items):
    _restore_migrated_data_after_transactional_tests(items)
    _index_for_tests_that_search(items)
    shared_world.plan(config, items)
    _part_marks_written_in_their_modules(items)
    _long_tests_without_a_database_first(items)


# Long tests that need no test database (subprocesses with settings of their
# own). pytest-django puts every test without a database last, so the host
# project's 25-second test ran alone at the end of the parallel part, the
# other core idle. First, a worker runs them while the template database
# is migrated (tests/db_template.py) instead of waiting for it.
# Longest first.
EARLY = (
    "tests/host/",
    "tests/cms/importing/test_bounds.py",  # the xlsx bomb, in a subprocess
    "tests/config/",
    "tests/docker/",
)


def _long_tests_without_a_database_first(items) -> None:
    early = [
        item
        for item in items
        if item.nodeid.startswith(EARLY)
        and item.get_closest_marker("django_db") is None
        and "db" not in getattr(item, "fixturenames", ())
    ]
    if early:
        early.sort(key=_early_rank)
        chosen = set(map(id, early))
        items[:] = early + [item for item in items if id(item) not in chosen]


def _early_rank(item) -> int:
    return next(i for i, prefix in enumerate(EARLY) if item.nodeid.startswith(prefix))


# Marks that take a test out of the parallel part. scripts/run-tests.sh
# collects the parts that run them from the modules that write the mark
# (grep), instead of collecting the whole suite to select a dozen tests.
PART_MARKS = ("own_services", "exclusive")


def _part_marks_written_in_their_modules(items) -> None:
    """A test given such a mark another way (a conftest, a hook) would run in
    no part at all: refuse it."""
    texts: dict[str, str] = {}
    for item in items:
        for mark in PART_MARKS:
            if item.get_closest_marker(mark) is None:
                continue
            path = str(item.path)
            if path not in texts:
                texts[path] = item.path.read_text(encoding="utf-8")
            if f"mark.{mark}" not in texts[path]:
                raise pytest.UsageError(
                    f"{item.nodeid} is marked {mark}, but its module does not "
                    f"write `pytest.mark.{mark}`: scripts/run-tests.sh finds "
                    "these tests by that text"
                )


def _index_for_tests_that_search(items) -> None:
    """A test whose name says it searches or reads usage (every such case
    of the permission matrix, for one) gets Wagtail's indexing."""
    for item in items:
        name = item.nodeid.lower()
        if any(word in name for word in ("search", "usage", "referen")):
            item.add_marker(pytest.mark.search_index)


# Tests whose shared, costly set-up is package-scoped: pytest-xdist hands each
# of these packages to one worker as one unit, so the set-up runs once.
TOGETHER = ("tests/demo/seeded/",)


def pytest_xdist_make_scheduler(config, log):
    """`--dist load`, except that the tests of a package in TOGETHER go to
    one worker, as one unit, and (being the largest unit) first. Every other
    test is a unit of its own, handed out in collection order as before.
    (`--dist loadgroup` would do this through xdist_group marks, but its
    renaming of node ids has no effect with pytest 9.)"""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class LoadTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return next((p for p in TOGETHER if nodeid.startswith(p)), nodeid)

    return LoadTogether(config, log)


def _restore_migrated_data_after_transactional_tests(items) -> None:
    """A transactional test (real commits, for a worker process or a live
    server to see) empties the database when it ends, taking what the
    migrations put there (Wagtail's root page, locale and site, categories,
    languages) with it. Serialized rollback puts it back, so the order of
    tests does not matter: under pytest-xdist a worker may run other tests
    after a module with transactional tests."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = "transactional_db" in item.fixturenames or (
            marker is not None and marker.kwargs.get("transaction")
        )
        if transactional:
            # In front of the item's own marks, so that it is the closest
            # (a test's own django_db mark would hide one appended after it).
            kwargs = marker.kwargs if marker is not None else {}
            item.add_marker(
                pytest.mark.django_db(
                    **{**kwargs, "transaction": True, "serialized_rollback": True}
                ),
                append=False,
            )


@pytest.fixture(autouse=True)
def _counts_sender_stopped():
    """A test that buffers counts (SAMVERKAN_COUNTS_SEND_SECONDS above 0)
    starts the process's sending thread (cms.infra.counter_buffer); stop it
    after the test, so that it does not wait on with that test's interval or
    send into the next test."""
    yield
    from cms.infra import counter_buffer

    if counter_buffer._sender is not None:
        counter_buffer.counts_sender_stop()


@pytest.fixture(autouse=True)
def _restricted_sections_forgotten():
    """A test's view restrictions roll back with its transaction, but the
    cache keeps the restricted sections it stored (cms.scoping.visibility),
    stamped with a version nothing moved back: forget them."""
    from django.core.cache import cache

    from cms.scoping.visibility import RESTRICTED_KEY

    cache.delete(RESTRICTED_KEY)


@pytest.fixture(autouse=True)
def _search_index(request):
    """Wagtail's reference and search indexing for tests marked
    `search_index` (tests/tasks_backend.py)."""
    from tests.tasks_backend import indexing_on

    if request.node.get_closest_marker("search_index") is None:
        yield
        return
    with indexing_on():
        yield


@pytest.fixture
def arabic_configured(settings):
    """Swedish, English and Arabic as the interface and content languages
    (Arabic for what is written right to left)."""
    languages = [("sv", "Svenska"), ("en", "English"), ("ar", "العربية")]
    settings.LANGUAGES = languages
    settings.WAGTAIL_CONTENT_LANGUAGES = languages


@pytest.fixture(scope="module")
def _shared_world(request):
    """The module's region and organisations, built once for the module and
    rolled back after it, where its tests can share them
    (tests/shared_world.py); None elsewhere. Set up by the first test that
    asks for the region, before its own transaction (wider scopes first)."""
    parts = shared_world.parts_for(request)
    if not parts:
        yield None
        return
    from django.db import transaction

    request.getfixturevalue("django_db_setup")
    with request.getfixturevalue("django_db_blocker").unblock(), transaction.atomic():
        yield shared_world.build(parts)
        transaction.set_rollback(True)


@pytest.fixture
def region(db, _shared_world):
    from cms.models import RegionPage

    if _shared_world is not None:
        return RegionPage.objects.get(pk=_shared_world.region)
    # Made already when a newsletter factory needed the tests' region.
    existing = RegionPage.objects.filter(slug="sodertorn").first()
    return existing or shared_world.region_build()


@pytest.fixture
def public_site(region):
    """The default Site (testserver) with the region at its root: the
    region's public site answers."""
    from wagtail.models import Site

    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "testserver", "port": 80, "root_page": region},
    )
    return region


@pytest.fixture
def org_a(region, _shared_world):
    if _shared_world is not None:
        return _organisation(_shared_world.org_a)
    return shared_world.org_a_build(region)


@pytest.fixture
def org_b(region, _shared_world):
    if _shared_world is not None:
        return _organisation(_shared_world.org_b)
    return shared_world.org_b_build(region)


def _organisation(pk):
    from cms.models import OrganisationPage

    return OrganisationPage.objects.get(pk=pk)


@pytest.fixture
def editor_a(org_a):
    return editor_of(org_a, username="editor_a")


@pytest.fixture
def central_admin(region):
    return central_admin_of(region, username="strategist")


@pytest.fixture(scope="session")
def smtp_sink_server():
    """One real SMTP server for the session (the Celery worker process of the
    integration tests sends here too)."""
    sink = SmtpSink()
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture
def smtp_sink(smtp_sink_server, settings):
    """The real SMTP server, emptied, with Django's mail in this process sent
    to it over SMTP."""
    smtp_sink_server.clear()
    if smtp_sink_server._controller is None:
        smtp_sink_server.start()
    for name, value in smtp_sink_server.django_settings().items():
        setattr(settings, name, value)
    yield smtp_sink_server
    smtp_sink_server.clear()


@pytest.fixture
def broker_down():
    """The project's Celery app sending for real to a Redis port where
    nothing listens."""
    from config.celery import app

    with socket.socket() as probe:  # a free port, closed again
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    saved = {
        key: app.conf[key]
        for key in ("task_always_eager", "broker_url", "broker_transport_options")
    }
    app.conf.task_always_eager = False
    app.conf.broker_url = f"redis://127.0.0.1:{port}/0"
    app.conf.broker_transport_options = {"socket_connect_timeout": 1}
    app._pool = None
    app.amqp._producer_pool = None
    yield app
    for key, value in saved.items():
        app.conf[key] = value
    app._pool = None
    app.amqp._producer_pool = None
