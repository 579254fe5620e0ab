"""Tests over the demo data: `make demo`'s seed, the public site crawled
and the admin walked in Swedish. Seeding takes about a minute, so it is done
once for the whole package, and pytest-xdist hands the package to one
worker as one unit (tests/conftest.py, pytest_xdist_make_scheduler)."""

import io

import pytest

from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """seed_demo and demo_accounts once for the package, inside a
    transaction rolled back at its end; each test's own `db` transaction
    nests inside it and is rolled back as usual. The demo accounts' password
    file goes to a temporary VAR_DIR."""
    from django.conf import settings

    from tests.tasks_backend import indexing_on

    with django_db_blocker.unblock(), transaction.atomic():
        var_dir, settings.VAR_DIR = settings.VAR_DIR, tmp_path_factory.mktemp("var")
        # Indexed as `make demo` indexes it: the walks search in the admin.
        try:
            with indexing_on():
                call_command("seed_demo", verbosity=0)
            call_command("demo_accounts", stdout=io.StringIO())
        finally:
            settings.VAR_DIR = var_dir
        yield
        transaction.set_rollback(True)
