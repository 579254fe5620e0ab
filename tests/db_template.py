"""One migrated database per PostgreSQL server, cloned for every test run.

Migrating from scratch takes about 20 seconds of CPU (Django renders the
model state of 250 migrations). Under pytest-xdist every worker used to do
that for its own test database, and so did each later part of `make test`
(scripts/run-tests.sh) on the same server. Instead, the first process to
need a database migrates a template once, and every process then clones it
with PostgreSQL's `CREATE DATABASE ... TEMPLATE`, which copies files and
takes about a second.

The template's name carries a hash of every migration file, so a template
left by older migrations is never used: a changed migration makes a new
template. A file lock (one per server and template) makes the others wait
while the first one migrates, and keeps everyone off the template while one
process clones it: PostgreSQL refuses to copy a database that has sessions.

Databases other than PostgreSQL, and runs without migrations, keep
pytest-django's own setup.
"""

from __future__ import annotations

import fcntl
import hashlib
import tempfile
from collections import defaultdict
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections


def migrations_hash() -> str:
    """A short hash over the migration files of every installed app."""
    digest = hashlib.sha256()
    for config in sorted(apps.get_app_configs(), key=lambda c: c.label):
        folder = Path(config.path) / "migrations"
        for path in sorted(folder.glob("*.py")):
            digest.update(f"{config.label}/{path.name}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def supports_templates(alias: str = "default") -> bool:
    return connections[alias].vendor == "postgresql"


def template_name(alias: str = "default") -> str:
    base = connections[alias].settings_dict["NAME"]
    return f"test_{base}_tpl_{migrations_hash()}"[:63]


@contextmanager
def _server_lock(alias: str, name: str):
    """An exclusive lock shared by every process using this server."""
    db = connections[alias].settings_dict
    key = hashlib.sha256(f"{db['HOST']}:{db['PORT']}/{name}".encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"samverkan-test-db-{key}.lock"
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _exists(cursor, name: str) -> bool:
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    return cursor.fetchone() is not None


def _migrate_template(alias: str, name: str) -> None:
    """Create and migrate the template under the lock, then leave it."""
    connection = connections[alias]
    original = connection.settings_dict["NAME"]
    test_name = connection.settings_dict["TEST"].get("NAME")
    connection.settings_dict["TEST"]["NAME"] = name
    try:
        connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False
        )
    finally:
        connection.close()
        connection.settings_dict["TEST"]["NAME"] = test_name
        connection.settings_dict["NAME"] = original
        settings.DATABASES[alias]["NAME"] = original


def setup_from_template(alias: str = "default", keep: bool = False) -> str:
    """Give this process its test database, cloned from the template.

    Returns the test database's name; the connection points at it and holds
    the serialised contents that transactional tests restore."""
    connection = connections[alias]
    original = connection.settings_dict["NAME"]
    template = template_name(alias)
    test_name = connection.creation._get_test_db_name()
    qn = connection.ops.quote_name
    with _server_lock(alias, template):
        with connection._nodb_cursor() as cursor:
            missing = not _exists(cursor, template)
        if missing:
            _migrate_template(alias, template)
        with connection._nodb_cursor() as cursor:
            if not (keep and _exists(cursor, test_name)):
                cursor.execute(f"DROP DATABASE IF EXISTS {qn(test_name)} WITH (FORCE)")
                cursor.execute(
                    f"CREATE DATABASE {qn(test_name)} TEMPLATE {qn(template)}"
                )
    connection.close()
    settings.DATABASES[alias]["NAME"] = test_name
    connection.settings_dict["NAME"] = test_name
    connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    connection.creation.deserialize_db_from_string = partial(
        restore_serialized, connection
    )
    connection.ops.sql_flush = partial(
        flush_by_delete, connection, connection.ops.sql_flush
    )
    connection.ensure_connection()
    return original


def restore_serialized(connection, data: str) -> None:
    """What Django's deserialize_db_from_string does before each
    transactional test (put back what the migrations made, which the last
    one's flush took), with one INSERT per table instead of an UPDATE and
    an INSERT per row: 641 rows, most of them permissions and content
    types, took 0.75 s of every transactional test's set-up. As there, a
    row that is there already is updated (before the first transactional
    test nothing was flushed), and rows go in raw: no model save(), but the
    save signals with raw=True, which handlers rely on (Wagtail forgets its
    cached site root paths when a Site is saved). A model with a parent
    table, which bulk_create cannot insert, is saved as Django does."""
    from django.core import serializers
    from django.db import transaction
    from django.db.models.signals import post_save, pre_save

    alias = connection.alias
    by_model = defaultdict(list)
    related = []
    tables = set()
    with transaction.atomic(using=alias), connection.constraint_checks_disabled():
        for deserialized in serializers.deserialize("json", data, using=alias):
            model = type(deserialized.object)
            tables.add(model._meta.db_table)
            if model._meta.parents:
                deserialized.save()
                continue
            by_model[model].append(deserialized.object)
            if deserialized.m2m_data:
                related.append(deserialized)
        for model, rows in by_model.items():
            for row in rows:
                pre_save.send(
                    model, instance=row, raw=True, using=alias, update_fields=None
                )
            _upsert(model._base_manager.using(alias), rows)
            for row in rows:
                post_save.send(
                    model,
                    instance=row,
                    created=True,
                    raw=True,
                    using=alias,
                    update_fields=None,
                )
        for deserialized in related:
            for accessor, values in deserialized.m2m_data.items():
                getattr(deserialized.object, accessor).set(values)
        connection.check_constraints(table_names=sorted(tables))


def flush_by_delete(
    connection, truncate, style, tables, *, reset_sequences=False, allow_cascade=False
) -> list[str]:
    """The statements that empty the database after a transactional test:
    DELETE of the tables that hold rows, with the foreign keys checked at
    commit (Django makes them deferrable), instead of Django's TRUNCATE of
    all of them, which took 0.6 s although most are empty. Resetting
    sequences is left to the TRUNCATE."""
    tables = list(tables)
    if reset_sequences or not tables:
        return truncate(
            style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
    qn = connection.ops.quote_name
    probe = " UNION ALL ".join(
        f"SELECT {index} WHERE EXISTS (SELECT 1 FROM {qn(table)})"
        for index, table in enumerate(tables)
    )
    with connection.cursor() as cursor:
        cursor.execute(probe)
        filled = [tables[index] for (index,) in cursor.fetchall()]
    return [
        "SET CONSTRAINTS ALL DEFERRED",
        *(f"DELETE FROM {qn(table)}" for table in filled),
    ]


def _upsert(manager, rows) -> None:
    fields = [
        field.name
        for field in manager.model._meta.concrete_fields
        if not field.primary_key
    ]
    pk = manager.model._meta.pk.name
    if fields:
        manager.bulk_create(
            rows, update_conflicts=True, unique_fields=[pk], update_fields=fields
        )
    else:
        manager.bulk_create(rows, ignore_conflicts=True)


def teardown(alias: str, original: str) -> None:
    connection = connections[alias]
    test_name = connection.settings_dict["NAME"]
    connection.close()
    settings.DATABASES[alias]["NAME"] = original
    connection.settings_dict["NAME"] = original
    qn = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {qn(test_name)} WITH (FORCE)")


def plain_setup(request, django_db_blocker, keep: bool, migrate: bool):
    """Django's own test databases, as pytest-django sets them up."""
    from pytest_django.fixtures import _disable_migrations

    from django.test.utils import setup_databases, teardown_databases

    if not migrate:
        _disable_migrations()

    verbosity = request.config.option.verbose
    with django_db_blocker.unblock():
        config = setup_databases(verbosity=verbosity, interactive=False, keepdb=keep)
    yield
    if not keep:
        with django_db_blocker.unblock():
            teardown_databases(config, verbosity=verbosity)
