"""The test database's own machinery (tests/db_template.py): emptying it
after a transactional test and putting back what the migrations made."""

import pytest

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

from wagtail.models import Locale, Page, Site

from tests import db_template

pytestmark = pytest.mark.skipif(
    not db_template.supports_templates(), reason="the template is PostgreSQL's"
)


def _migrated_state():
    return {
        "permissions": set(Permission.objects.values_list("pk", "codename")),
        "content_types": set(ContentType.objects.values_list("pk", "model")),
        "pages": set(Page.objects.values_list("pk", "path", "title")),
        "locales": set(Locale.objects.values_list("pk", "language_code")),
        "sites": set(Site.objects.values_list("pk", "root_page_id")),
        "group_permissions": {
            (group.name, frozenset(group.permissions.values_list("pk", flat=True)))
            for group in Group.objects.all()
        },
    }


@pytest.mark.django_db(transaction=True)
def test_a_flush_empties_and_the_restore_brings_back_the_migrated_rows():
    before = _migrated_state()
    Page.get_first_root_node().add_child(instance=Page(title="Ny", slug="ny"))
    Group.objects.create(name="Ny grupp").permissions.add(Permission.objects.first())
    assert _migrated_state() != before

    tables = connection.introspection.django_table_names(only_existing=True)
    statements = connection.ops.sql_flush(no_style(), tables)
    # Only the tables that hold rows are emptied, by DELETE.
    assert statements[0] == "SET CONSTRAINTS ALL DEFERRED"
    assert all(sql.startswith("DELETE FROM") for sql in statements[1:])
    assert 0 < len(statements) - 1 < len(tables)

    call_command(
        "flush",
        verbosity=0,
        interactive=False,
        reset_sequences=False,
        inhibit_post_migrate=True,
    )
    assert not Page.objects.exists()
    assert not Permission.objects.exists()

    connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
    assert _migrated_state() == before


@pytest.mark.django_db(transaction=True)
def test_the_restore_updates_rows_that_are_there_already():
    """Before the first transactional test nothing was flushed: the rows
    are there, and a changed one gets its migrated values back."""
    before = _migrated_state()
    root = Page.objects.get(depth=1)
    Page.objects.filter(pk=root.pk).update(title="Ändrad")

    connection.creation.deserialize_db_from_string(connection._test_serialized_contents)

    assert _migrated_state() == before


@pytest.mark.django_db(transaction=True)
def test_the_restore_sends_the_save_signals_raw():
    """As Django's raw saves do: Wagtail forgets its cached site root paths
    when a Site is saved, so a page's URL is not read from paths cached in
    an earlier test (the intervention bank's links were /insatser/None/)."""
    from django.core.cache import cache

    from wagtail.models.sites import (
        SITE_ROOT_PATHS_CACHE_KEY,
        SITE_ROOT_PATHS_CACHE_VERSION,
    )

    def cached():
        return cache.get(
            SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION
        )

    Site.get_site_root_paths()
    assert cached() is not None

    connection.creation.deserialize_db_from_string(connection._test_serialized_contents)

    assert cached() is None


def _server_url(host=None, name="postgres"):
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{host or db['HOST']}:{db['PORT']}/{name}"


def _schema_and_rows(name):
    """Every table, migration and a count of the migrated rows of a database."""
    import psycopg

    with psycopg.connect(_server_url(name=name)) as other:
        tables = other.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = 'public' ORDER BY 1"
        ).fetchall()
        migrations = other.execute(
            "SELECT app, name FROM django_migrations ORDER BY 1, 2"
        ).fetchall()
        rows = other.execute(
            "SELECT (SELECT count(*) FROM auth_permission),"
            " (SELECT count(*) FROM django_content_type),"
            " (SELECT count(*) FROM wagtailcore_page)"
        ).fetchone()
    return tables, migrations, rows


def _this_servers_template():
    with connection._nodb_cursor() as cursor:
        cursor.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s",
            [f"%_tpl_{db_template.migrations_hash()}"],
        )
        (name,) = cursor.fetchone()
    return name


@pytest.mark.django_db
def test_a_dumped_template_restores_as_the_same_database():
    """What the own-services server of scripts/run-tests.sh does instead of
    migrating (SAMVERKAN_TEST_TEMPLATE_FROM): the template, dumped and
    restored, has every table, migration and migrated row of the original."""
    template = _this_servers_template()
    copy = f"{template[:50]}_copy"
    with db_template._server_lock("default", template):
        dump = db_template.template_dump(_server_url(), template)
    db_template.template_restore("default", copy, dump)
    try:
        tables, migrations, rows = _schema_and_rows(copy)
        assert (tables, migrations, rows) == _schema_and_rows(template)
        assert len(tables) > 100
        assert len(migrations) > 250
        assert rows[0] > 0
    finally:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE "{copy}" WITH (FORCE)')


@pytest.mark.django_db
def test_a_broken_dump_leaves_no_database():
    with pytest.raises(RuntimeError, match="psql failed"):
        db_template.template_restore("default", "test_half_made", b"CREATE TABLE (;")
    with connection._nodb_cursor() as cursor:
        assert not db_template._exists(cursor, "test_half_made")


@pytest.mark.django_db
def test_without_the_sources_template_in_time_a_server_migrates_its_own(monkeypatch):
    # The same server under another name stands for the first part's server,
    # which has no such template.
    monkeypatch.setenv(db_template.TEMPLATE_SOURCE, _server_url(host="localhost"))
    monkeypatch.setattr(db_template, "TEMPLATE_WAIT_SECONDS", 0)

    assert not db_template._copy_template("default", "test_no_such_template")
    with connection._nodb_cursor() as cursor:
        assert not db_template._exists(cursor, "test_no_such_template")


def test_a_server_does_not_copy_from_itself_or_from_no_server(monkeypatch):
    monkeypatch.delenv(db_template.TEMPLATE_SOURCE, raising=False)
    assert not db_template._copy_template("default", db_template.template_name())
    monkeypatch.setenv(db_template.TEMPLATE_SOURCE, _server_url())
    assert not db_template._copy_template("default", db_template.template_name())
