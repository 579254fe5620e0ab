"""The Celery app for the sync chaos test's worker: the project's app, with
tasks sent over the broker even when a task enqueues another (the test
settings run tasks eagerly in-process)."""

from config.celery import app

app.conf.task_always_eager = False

__all__ = ["app"]
