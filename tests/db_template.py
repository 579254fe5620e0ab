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

A second server (the own-services part of scripts/run-tests.sh, which has
PostgreSQL of its own) copies the first server's template instead of
migrating again when SAMVERKAN_TEST_TEMPLATE_FROM names that server: a
pg_dump piped into psql, about a second of CPU instead of 20.

Databases other than PostgreSQL, and runs without migrations, keep
pytest-django's own setup.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import subprocess
import tempfile
import time
from collections import defaultdict
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.db import connections

from cms.infra.backup import pg_binary, pg_client_arguments

logger = logging.getLogger(__name__)

# The server whose template a second server copies (a DATABASE_URL).
TEMPLATE_SOURCE = "SAMVERKAN_TEST_TEMPLATE_FROM"
# How long a copy waits for that server's template to be migrated.
TEMPLATE_WAIT_SECONDS = 180


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
    with _lock(db["HOST"], db["PORT"], name):
        yield


@contextmanager
def _lock(host, port, name: str):
    key = hashlib.sha256(f"{host}:{port}/{name}".encode()).hexdigest()[:16]
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


def _url(database_url: str, name: str) -> str:
    return urlsplit(database_url)._replace(path=f"/{name}").geturl()


def _copy_template(alias: str, name: str) -> bool:
    """Copy the template from the server SAMVERKAN_TEST_TEMPLATE_FROM names,
    once it has one; False (migrate here instead) when no server is named,
    it is this one, or its template does not come in time. Called under
    this server's lock."""
    source = os.environ.get(TEMPLATE_SOURCE)
    db = connections[alias].settings_dict
    if not source:
        return False
    source_parts = urlsplit(source)
    host, port = source_parts.hostname, source_parts.port
    if (host, port) == (db["HOST"], int(db["PORT"])):
        return False
    deadline = time.monotonic() + TEMPLATE_WAIT_SECONDS
    while True:
        # The source's lock is held while its template is migrated, and a
        # template with a session open (pg_dump's) cannot be cloned there.
        with _lock(host, port, name):
            if _source_has(source, name):
                dump = template_dump(source, name)
                break
        if time.monotonic() >= deadline:
            logger.warning("no template on %s in time: migrating here", source)
            return False
        time.sleep(0.5)
    template_restore(alias, name, dump)
    return True


def template_dump(source: str, name: str) -> bytes:
    """The SQL that rebuilds database `name` of the server at `source`."""
    return _run(
        [pg_binary("pg_dump"), "--no-owner", "--no-privileges"],
        [f"--dbname={_url(source, name)}"],
        dict(os.environ),
    )


def template_restore(alias: str, name: str, dump: bytes) -> None:
    """Database `name` on this server, made from a dump; none when it fails."""
    qn = connections[alias].ops.quote_name
    with connections[alias]._nodb_cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {qn(name)}")
    try:
        _run(
            [pg_binary("psql"), "--quiet", "--no-psqlrc", "--set=ON_ERROR_STOP=1"],
            *pg_client_arguments({**connections[alias].settings_dict, "NAME": name}),
            stdin=dump,
        )
    except RuntimeError:
        with connections[alias]._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE {qn(name)} WITH (FORCE)")
        raise


def _run(program: list[str], args: list[str], env: dict, stdin=b"") -> bytes:
    """A PostgreSQL client program's output; its error message when it fails."""
    command = [*program, *args]
    done = subprocess.run(command, input=stdin, capture_output=True, env=env)
    if done.returncode:
        message = done.stderr.decode(errors="replace").strip()
        raise RuntimeError(f"{Path(command[0]).name} failed: {message}")
    return done.stdout


def _source_has(source: str, name: str) -> bool:
    import psycopg

    with psycopg.connect(_url(source, "postgres"), autocommit=True) as connection:
        return _exists(connection.cursor(), name)


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
        if missing and not _copy_template(alias, template):
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
