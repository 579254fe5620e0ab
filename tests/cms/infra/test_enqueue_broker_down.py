"""Queueing after commit never fails the request: with the broker down
(nothing listening where Redis should be) a publish-like commit that queues
sync and newsletter work answers normally within about a second, logs a
warning, and leaves the work recorded for the periodic sweep."""

import logging
import time

from cms.infra.enqueue import enqueue_after_commit


def test_a_commit_with_the_broker_down_answers_within_a_second(
    broker_down, db, caplog, django_capture_on_commit_callbacks
):
    from sync.services.outbox import drain_enqueue

    def commit() -> float:
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            enqueue_after_commit(lambda: drain_enqueue(1), what="a drain")
        return time.monotonic() - started

    with caplog.at_level(logging.WARNING, logger="cms.infra.enqueue"):
        commit()  # the process's first message: imports and sets up kombu
        assert "Could not queue a drain" in caplog.text
        # What an editor waits for each time: the connection attempts and
        # the retry policy's pauses. (Timed on a warm process, so that a
        # busy machine slows only the little CPU work left, not the imports.)
        elapsed = commit()
    assert elapsed < 1.5, elapsed


def test_every_after_commit_queueing_goes_through_the_helper():
    """No module queues a task from on_commit by itself (it would raise
    into the request when the broker is down)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    offenders = [
        str(path.relative_to(root))
        for app in ("cms", "delivery", "demo", "newsletter", "sync", "web")
        for path in (root / app).rglob("*.py")
        if "on_commit(lambda" in path.read_text() and path.name != "enqueue.py"
    ]
    assert offenders == []
