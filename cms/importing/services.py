"""The admin's import of interventions: an uploaded file is checked by a
worker (a dry run of cms.importing.run, its rows kept for the preview),
confirmed by the user, then imported by a worker, with the rows kept for
the report.

A run moves waiting_check -> checking -> checked -> waiting_save -> saving
-> done, or to failed or cancelled. A worker takes a run by moving it from
a waiting status to a working one (one UPDATE, so a task queued twice runs
once) and records its end only if the run is still in that working status,
in the transaction that wrote the import: a run marked failed or cancelled
meanwhile writes nothing.

Bounds: an upload is at most MAX_FILE_BYTES (the command line's bound); a
user has at most MAX_RUNS_IN_PROGRESS runs waiting or working and one more
file kept (a new upload lets go of the files of their earlier previews and
failed runs); files are deleted when the run is done, and after
KEEP_FILE_HOURS otherwise; runs after KEEP_RUN_DAYS."""

import contextlib
import datetime
import logging
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.importing.conf import import_setting
from cms.importing.files import ImportFileError
from cms.importing.progress import progress_of, progress_reported
from cms.importing.run import ImportReport, run_import
from cms.infra.enqueue import enqueue_after_commit, enqueue_now, task
from cms.models import ImportRowAction, ImportRun, ImportRunRow, ImportRunStatus

logger = logging.getLogger(__name__)

Status = ImportRunStatus
# The working status a worker moves a waiting run to.
TAKEN_AS = {Status.WAITING_CHECK: Status.CHECKING, Status.WAITING_SAVE: Status.SAVING}
# Runs a user may let go of (their files are deleted).
IDLE = (Status.CHECKED, Status.FAILED)


def import_run_create(*, user, name: str, content: bytes, language: str) -> ImportRun:
    """Store an upload (already checked by the form: cms.importing.forms)
    and queue its dry run."""
    with transaction.atomic():
        _files_release(ImportRun.objects.filter(user=user, status__in=IDLE))
        run = ImportRun.objects.create(
            user=user,
            file_name=Path(name).name[:255],
            content=content,
            size=len(content),
            language=language,
            status=Status.WAITING_CHECK,
            queued_at=timezone.now(),
        )
        _enqueue_after_commit(run)
    return run


def import_run_confirm(*, run: ImportRun) -> bool:
    """Queue the import of a checked run without errors."""
    with transaction.atomic():
        taken = ImportRun.objects.filter(
            pk=run.pk, status=Status.CHECKED, errors=0, has_file=True
        ).update(status=Status.WAITING_SAVE, queued_at=timezone.now(), message="")
        if taken:
            _enqueue_after_commit(run)
    return bool(taken)


def import_run_retry(*, run: ImportRun) -> bool:
    """Check a failed run's file again (a new preview to confirm: the bank
    may have changed since)."""
    with transaction.atomic():
        taken = ImportRun.objects.filter(
            pk=run.pk, status=Status.FAILED, has_file=True
        ).update(
            status=Status.WAITING_CHECK,
            queued_at=timezone.now(),
            started_at=None,
            finished_at=None,
            message="",
        )
        if taken:
            _enqueue_after_commit(run)
    return bool(taken)


def import_run_cancel(*, run: ImportRun) -> bool:
    """Give up a run that is not done: its file is deleted, and a worker
    still at it writes nothing."""
    runs = ImportRun.objects.filter(pk=run.pk).exclude(
        status__in=(Status.DONE, Status.CANCELLED)
    )
    return bool(
        runs.update(
            status=Status.CANCELLED,
            content=None,
            has_file=False,
            finished_at=timezone.now(),
            message="",
        )
    )


def import_run_fail_if_stale(*, run: ImportRun, now: float | None = None) -> bool:
    """Mark a run failed whose worker has stopped telling its progress (it
    crashed or was killed); its file is kept for a retry. True if so."""
    if run.status not in ImportRun.WORKING:
        return False
    progress = progress_of(run_id=run.pk)
    last = progress["beat"] if progress else run.started_at.timestamp()
    if (now or time.time()) - last <= import_setting("STALE_SECONDS"):
        return False
    with translation.override(run.language):
        message = _(
            "The import stopped unexpectedly: the worker running it was "
            "interrupted. Nothing was saved. You can try again."
        )
    failed = ImportRun.objects.filter(pk=run.pk, status=run.status).update(
        status=Status.FAILED, finished_at=timezone.now(), message=message
    )
    if failed:
        logger.warning("Import run %s lost its worker; marked failed", run.pk)
    return bool(failed)


def import_run_step(*, run_id: int) -> str | None:
    """The worker's part: take the run if it waits (check or import its
    file), run it and record the outcome. Returns the status reached, or
    None if there was nothing to do."""
    run = ImportRun.objects.filter(pk=run_id).first()
    if run is None or run.status not in TAKEN_AS:
        return None  # done, taken by another worker, or cancelled
    working = TAKEN_AS[run.status]
    taken = ImportRun.objects.filter(pk=run.pk, status=run.status).update(
        status=working, started_at=timezone.now()
    )
    if not taken:
        return None
    run.status = working
    try:
        with (
            progress_reported(run_id=run.pk) as progress,
            translation.override(run.language),
            _file_on_disk(run) as path,
            _whole_run_transaction(),
        ):
            user = run.user
            if user is None or not user.is_active:
                raise ImportFileError(
                    _("The account that uploaded the file can no longer import.")
                )
            report = run_import(
                path,
                commit=working == Status.SAVING,
                progress=progress.wrap,
                user=user,
            )
            return _record(run, report)
    except _Superseded:
        return None
    except ImportFileError as error:
        _fail(run, str(error), keep_file=False)
    except Exception:  # noqa: BLE001 (any failure: told to the user, logged)
        logger.exception("Import run %s failed", run.pk)
        with translation.override(run.language):
            _fail(
                run,
                _(
                    "The import stopped with an unexpected error. Nothing was "
                    "saved. You can try again; if it fails again, tell an "
                    "administrator."
                ),
                keep_file=True,
            )
    return Status.FAILED


def import_runs_sweep(*, now: datetime.datetime | None = None) -> dict:
    """The periodic clean-up: runs whose worker died are failed, runs
    waiting too long are queued again (the broker may have lost them), old
    files and runs are deleted. Returns what it did, by kind."""
    now = now or timezone.now()
    stale = 0
    for run in ImportRun.objects.filter(status__in=ImportRun.WORKING).defer("content"):
        stale += import_run_fail_if_stale(run=run, now=now.timestamp())
    waited = now - datetime.timedelta(seconds=import_setting("REQUEUE_SECONDS"))
    requeued = 0
    for run in ImportRun.objects.filter(
        status__in=ImportRun.WAITING, queued_at__lt=waited
    ).defer("content"):
        ImportRun.objects.filter(pk=run.pk).update(queued_at=now)
        requeued += _enqueue_now(run)
    kept = now - datetime.timedelta(hours=import_setting("KEEP_FILE_HOURS"))
    old_files = ImportRun.objects.filter(
        Q(finished_at__lt=kept) | Q(finished_at__isnull=True, created_at__lt=kept),
        has_file=True,
    ).exclude(status__in=(*ImportRun.WAITING, *ImportRun.WORKING))
    released = _files_release(old_files)
    old = now - datetime.timedelta(days=import_setting("KEEP_RUN_DAYS"))
    deleted = 0
    for run_id in ImportRun.objects.filter(created_at__lt=old).values_list(
        "pk", flat=True
    ):
        ImportRunRow.objects.filter(run_id=run_id).delete()
        deleted += ImportRun.objects.filter(pk=run_id).delete()[0] > 0
    return {
        "stale": stale,
        "requeued": requeued,
        "files_deleted": released,
        "runs_deleted": deleted,
    }


# The step's parts ---------------------------------------------------------


def _whole_run_transaction():
    """The step's writes and its record in one transaction: a run failed or
    cancelled meanwhile writes nothing. Not on SQLite, where the import
    saves in batches so as not to lock the database for the web process
    (cms.importing.run); there a late worker's saved rows are recorded."""
    if connection.vendor == "sqlite":
        return contextlib.nullcontext()
    return transaction.atomic()


class _Superseded(Exception):
    """The run was failed or cancelled while the worker was at it."""


def _task_options() -> dict:
    # Twice the check's bound: the import checks the rows again, then saves.
    limit = import_setting("MAX_SECONDS") * 2 + 60
    return {"time_limit": limit + 30, "soft_time_limit": limit}


def _send(run_id: int):
    step = task("cms.importing.tasks.import_run_step_task")
    return lambda: step.apply_async(args=[run_id], **_task_options())


def _enqueue_after_commit(run: ImportRun) -> None:
    enqueue_after_commit(_send(run.pk), what=f"import run {run.pk}")


def _enqueue_now(run: ImportRun) -> bool:
    return enqueue_now(_send(run.pk), what=f"import run {run.pk}")


@contextlib.contextmanager
def _file_on_disk(run: ImportRun) -> Iterator[Path]:
    """The run's file as a temporary file of its own suffix, deleted after."""
    content = (
        ImportRun.objects.filter(pk=run.pk).values_list("content", flat=True).first()
    )
    if content is None:
        raise ImportFileError(
            _("The uploaded file is no longer kept; upload it again.")
        )
    suffix = Path(run.file_name).suffix.lower()
    with tempfile.NamedTemporaryFile(suffix=suffix, prefix="import-") as file:
        file.write(bytes(content))
        file.flush()
        del content
        yield Path(file.name)


def _record(run: ImportRun, report: ImportReport) -> str:
    """Record the step's outcome and the rows (inside the step's
    transaction); raises _Superseded if the run is no longer the worker's."""
    saving = run.status == Status.SAVING
    if not saving:
        status, message = Status.CHECKED, ""
    elif report.committed:
        status, message = Status.DONE, ""
    elif not report.saved:
        status = Status.FAILED
        message = _(
            "Rows have errors now (the bank changed since the check); nothing "
            "was saved. Correct them and try again."
        )
    else:  # SQLite's batches before the error are saved
        status = Status.FAILED
        message = ngettext(
            "Saving stopped at an error; %(count)d row was saved before it. "
            "Correct the row and import the file again.",
            "Saving stopped at an error; %(count)d rows were saved before it. "
            "Correct the row and import the file again.",
            report.saved,
        ) % {"count": report.saved}
    rows = _rows_of(run, report)
    fields = {
        "status": status,
        "message": message,
        "finished_at": timezone.now(),
        "rows": report.rows,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "failed": sum(row.action == ImportRowAction.ERROR for row in rows),
    }
    if status == Status.DONE:
        fields.update(content=None, has_file=False)
    with transaction.atomic():
        runs = ImportRun.objects.filter(pk=run.pk)
        if not runs.filter(status=run.status).update(**fields):
            if connection.vendor != "sqlite" or not report.saved:
                raise _Superseded
            runs.update(**fields)  # saved already: say so
        ImportRunRow.objects.filter(run=run).delete()
        ImportRunRow.objects.bulk_create(rows, batch_size=1000)
    return status


def _rows_of(run: ImportRun, report: ImportReport) -> list[ImportRunRow]:
    issues: dict[int, list[dict]] = {}
    for issue in report.issues:
        issues.setdefault(issue.row, []).append(
            {"column": issue.column, "message": issue.message, "error": issue.is_error}
        )
    rows = []
    if 1 in issues:
        rows.append(
            ImportRunRow(
                run=run, number=1, action=ImportRowAction.HEADER, issues=issues[1]
            )
        )
    for outcome in report.outcomes:
        rows.append(
            ImportRunRow(
                run=run,
                number=outcome.row,
                external_id=outcome.external_id[:100],
                organisation=outcome.organisation[:255],
                title=outcome.title[:255],
                action=outcome.action,
                issues=issues.get(outcome.row, []),
                page_id=outcome.page_id,
            )
        )
    return rows


def _fail(run: ImportRun, message: str, *, keep_file: bool) -> None:
    fields = {
        "status": Status.FAILED,
        "message": message,
        "finished_at": timezone.now(),
    }
    if not keep_file:
        fields.update(content=None, has_file=False)
    ImportRun.objects.filter(pk=run.pk, status=run.status).update(**fields)


def _files_release(runs) -> int:
    """Delete the kept files of these runs; a preview can then no longer
    be confirmed (it is cancelled)."""
    pks = list(runs.filter(has_file=True).values_list("pk", flat=True))
    ImportRun.objects.filter(pk__in=pks, status=Status.CHECKED).update(
        status=Status.CANCELLED, finished_at=timezone.now(), message=""
    )
    return ImportRun.objects.filter(pk__in=pks).update(content=None, has_file=False)
