"""Reads of the admin's import: who may import, their runs, a run's
progress and rows."""

from cms.importing.progress import progress_of
from cms.models import ImportRowAction, ImportRun
from cms.scoping.selectors import organisations_editable_by


def user_may_import(user) -> bool:
    """Users who may edit the interventions of some organisation (its
    editors, their region's central administrators, superusers)."""
    return user.is_active and (
        user.is_superuser or organisations_editable_by(user=user).exists()
    )


def import_runs_of(*, user):
    """The user's own runs (an upload is seen only by who uploaded it),
    without the stored files."""
    return ImportRun.objects.filter(user=user).defer("content")


def import_runs_in_progress(*, user):
    return import_runs_of(user=user).filter(
        status__in=(*ImportRun.WAITING, *ImportRun.WORKING)
    )


def import_run_progress(*, run: ImportRun) -> dict:
    """What the progress page shows: the step (1: checking, 2: saving when
    importing), its items done and total, and a percentage."""
    progress = progress_of(run_id=run.pk) if run.status in ImportRun.WORKING else None
    if not progress:
        return {"step": 0, "done": 0, "total": 0, "percent": 0}
    total = progress["total"] or 0
    done = min(progress["done"] or 0, total)
    return {
        "step": progress["step"],
        "done": done,
        "total": total,
        "percent": round(100 * done / total) if total else 0,
    }


def import_run_rows(*, run: ImportRun, only_errors: bool = False):
    """The run's file rows (not the header row's problems), in file order."""
    rows = run.file_rows.exclude(action=ImportRowAction.HEADER)
    if only_errors:
        rows = rows.exclude(issues=[])
    return rows.order_by("number")


def import_run_header_issues(*, run: ImportRun) -> list[dict]:
    row = run.file_rows.filter(action=ImportRowAction.HEADER).first()
    return row.issues if row else []
