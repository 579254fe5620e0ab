"""The embedded SQLite under web, worker and beat at once (config/settings/
base.py, SQLITE_OPTIONS): a transaction that reads and then writes while
another process writes waits for it instead of failing with "database is
locked", which lost the demo worker's newsletter task."""

import threading

import pytest

from django.db.backends.sqlite3.base import DatabaseWrapper
from django.db.utils import OperationalError

from config.settings.base import SQLITE_OPTIONS


def _connection(path, options):
    return DatabaseWrapper(
        {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(path),
            "OPTIONS": options,
            "TIME_ZONE": None,
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "AUTOCOMMIT": True,
            "ATOMIC_REQUESTS": False,
            "USER": "",
            "PASSWORD": "",
            "HOST": "",
            "PORT": "",
            "TEST": {},
        },
        alias="sqlite-under-test",
    )


def _begin(connection):
    """A transaction begun as atomic() begins it on SQLite."""
    connection.ensure_connection()
    connection._start_transaction_under_autocommit()


def _read_then_write_while_another_writes(path, options):
    """Process A holds a write for 0.3 s; B begins a transaction meanwhile,
    reads, then writes. B's error, or None."""
    setup = _connection(path, options)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS t (n integer)")
    setup.close()
    writing, reading = threading.Event(), threading.Event()

    def writer():
        a = _connection(path, options)
        _begin(a)
        with a.cursor() as cursor:
            cursor.execute("INSERT INTO t VALUES (1)")
            writing.set()
            reading.wait(5)
            threading.Event().wait(0.3)
        a.connection.commit()
        a.close()

    thread = threading.Thread(target=writer)
    thread.start()
    writing.wait(5)
    b = _connection(path, options)
    error = None
    reading.set()
    try:
        _begin(b)
        with b.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM t")
            cursor.execute("INSERT INTO t VALUES (2)")
        b.connection.commit()
    except OperationalError as caught:
        error = caught
        b.connection.rollback()
    finally:
        thread.join()
        b.close()
    return error


@pytest.fixture(autouse=True)
def _own_databases(django_db_blocker):
    """Files of these tests' own, not the test database."""
    with django_db_blocker.unblock():
        yield


def test_a_read_then_write_waits_for_the_other_writer(tmp_path):
    assert (
        _read_then_write_while_another_writes(tmp_path / "db", SQLITE_OPTIONS) is None
    )


def test_without_the_options_it_fails_at_once(tmp_path):
    """The control: SQLite's default (deferred) transaction."""
    error = _read_then_write_while_another_writes(tmp_path / "db", {"timeout": 20})
    assert error is not None
    assert "locked" in str(error)


def test_the_database_is_in_wal_mode(tmp_path):
    connection = _connection(tmp_path / "db", SQLITE_OPTIONS)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    connection.close()
