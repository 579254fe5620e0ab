"""The task backend of the test settings: Django's ImmediateBackend, except
that the two indexing tasks Wagtail queues on every save (the reference
index, and the search index through modelsearch) run only where a test asks
for them. Measured on this project's factories, they are about half the cost
of creating and publishing a page, and most tests never search.

A test that searches in the admin, or reads what the reference index says
(usage, deletion warnings), is marked `search_index` (tests/conftest.py
turns indexing on for it). Its search then finds what it should; a test that
forgot the mark and asserts that a search finds nothing would pass for the
wrong reason, so the searching tests carry the mark with a control that
finds something (the permission matrix's central administrator, for one)."""

import contextlib

from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id

INDEXING_TASKS = frozenset(
    {
        "wagtail.tasks.update_reference_index_task",
        "modelsearch.tasks.insert_or_update_object_task",
    }
)


class Indexing:
    """On or off for the whole process (live-server threads included)."""

    enabled = False


@contextlib.contextmanager
def indexing_on():
    """Indexing on for what a fixture broader than one test builds."""
    before, Indexing.enabled = Indexing.enabled, True
    try:
        yield
    finally:
        Indexing.enabled = before


class TestTaskBackend(ImmediateBackend):
    def enqueue(self, task, args, kwargs):
        if Indexing.enabled or task.module_path not in INDEXING_TASKS:
            return super().enqueue(task, args, kwargs)
        self.validate_task(task)
        return TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
