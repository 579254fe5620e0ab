"""A task enqueued by the web process runs in a real worker process over
real Redis."""

import os
import uuid

import pytest

from django.urls import reverse

from cms.http import health
from cms.tasks import worker_heartbeat

pytestmark = pytest.mark.integration


def test_task_runs_in_a_real_worker_over_redis(celery_worker, client, db):
    token = uuid.uuid4().hex

    result = worker_heartbeat.delay(token=token)
    beat = result.get(timeout=60)

    assert beat["token"] == token
    assert beat["pid"] != os.getpid()
    # The worker wrote to the shared cache (Redis); the web process reads it.
    assert health.heartbeat_latest()["token"] == token
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json()["worker"] == "ok"
    assert response.json()["database"] == "ok"


def test_the_worker_sends_tasks_queued_by_tasks_over_the_broker(celery_worker):
    """The test settings run tasks eagerly; the worker process must not, or
    a task's sub-tasks would run inside it instead of being queued."""
    from config.celery import app

    # One worker runs: stop listening at its reply, not at the timeout.
    replies = app.control.inspect(timeout=10, limit=1).conf(with_defaults=True)

    assert replies
    for conf in replies.values():
        assert conf["task_always_eager"] is False
