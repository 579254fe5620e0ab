"""Celery tasks of the admin's import (thin: they call services). Time
limits are given when a run is queued (cms.importing.services), as they
follow the SAMVERKAN_IMPORT bounds."""

from celery import shared_task


@shared_task(name="cms.importing.tasks.import_run_step_task")
def import_run_step_task(run_id: int) -> str | None:
    from cms.importing.services import import_run_step

    return import_run_step(run_id=run_id)


@shared_task(name="cms.importing.tasks.import_runs_sweep_task", time_limit=300)
def import_runs_sweep_task() -> dict:
    from cms.importing.services import import_runs_sweep

    return import_runs_sweep()
