"""A long import on SQLite does not lock the database for the web process
(issue 18, item 3): the rows are checked outside a transaction and saved in
batches, each its own transaction, so nothing is held between batches; an
error while saving says how many rows were saved before it."""

import contextlib

import pytest

from django.core.management.base import CommandError
from django.db import IntegrityError, connection
from django.utils import translation

from cms.importing import run as import_run
from cms.importing.run import run_import
from cms.models import InterventionPage
from tests.cms.importing.test_run import GOOD, run, write_csv

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="batches are for SQLite only"
    ),
]

ROWS = 5


@pytest.fixture
def five_rows(tmp_path, people, monkeypatch):
    monkeypatch.setattr(import_run, "SQLITE_BATCH_ROWS", 2)
    rows = [dict(GOOD, external_id=f"old-{n}", title=f"SFI {n}") for n in range(ROWS)]
    return write_csv(tmp_path / "bank.csv", rows)


def test_rows_are_saved_in_batches_with_nothing_held_between(five_rows):
    pulls = []  # (loop, a transaction open?, pages saved) per row taken

    def progress(items, *, total, desc):
        for item in items:
            pulls.append((desc, connection.in_atomic_block, _saved()))
            yield item

    report = run_import(five_rows, commit=True, progress=progress)

    assert report.committed and report.saved == ROWS
    checking, saving = pulls[:ROWS], pulls[ROWS:]
    assert not any(open_ for _desc, open_, _count in checking)
    assert [(open_, count) for _desc, open_, count in saving] == [
        (False, 0),
        (False, 0),
        (False, 2),  # the first batch is committed
        (False, 2),
        (False, 4),
    ]


def test_an_error_while_saving_says_how_many_rows_were_saved(five_rows, monkeypatch):
    from cms.reviews import services

    calls = []

    @contextlib.contextmanager
    def failing_third_row(method):
        calls.append(method)
        if len(calls) == 3:
            raise IntegrityError("duplicate key value")
        yield

    monkeypatch.setattr(services, "review_method", failing_third_row)

    with (
        translation.override("sv"),
        pytest.raises(CommandError, match="de 2 raderna före det sparades"),
    ):
        run(five_rows, "--commit")
    assert _saved() == 2


def _saved() -> int:
    return InterventionPage.objects.filter(external_id__startswith="old-").count()
