"""Queueing Celery work after a commit without ever failing the request.

The database is the record of what must happen (sync outbox, newsletter
delivery rows, review state); a queued task only makes it happen sooner.
So a broker that is down when an editor publishes is logged as a warning,
and the periodic sweeps (sync_sweep, issue_tick, ...) queue the work again
once the broker is back. The editor's answer waits at most about a second
for the broker (CELERY_TASK_PUBLISH_RETRY_POLICY and the broker's connect
timeout in the settings)."""

import importlib
import logging
from collections.abc import Callable

from django.db import transaction

logger = logging.getLogger(__name__)


def _broker_errors() -> tuple[type[BaseException], ...]:
    from kombu.exceptions import KombuError

    errors: tuple[type[BaseException], ...] = (KombuError, OSError)
    try:
        from redis.exceptions import RedisError
    except ImportError:  # a host without Redis
        return errors
    return (*errors, RedisError)


def task(name: str):
    """The registered Celery task `name`. Services queue their tasks by
    name: a tasks module imports its services (tasks are thin wrappers), so
    a service importing it back would close an import cycle."""
    from celery import current_app

    if name not in current_app.tasks:
        # Celery registers a task when its module is imported, and every
        # task's name is "<its module>.<function>".
        importlib.import_module(name.rpartition(".")[0])
    return current_app.tasks[name]


def enqueue_now(send: Callable[[], object], *, what: str) -> bool:
    """Run `send` (something that queues a task); False, logged, if the
    broker could not be reached. (Other errors, e.g. of a task run eagerly
    in tests, still raise.)"""
    try:
        send()
    except _broker_errors():
        logger.warning(
            "Could not queue %s (the broker is unreachable?); the periodic "
            "sweep queues it again.",
            what,
            exc_info=True,
        )
        return False
    return True


def enqueue_after_commit(send: Callable[[], object], *, what: str) -> None:
    """`enqueue_now(send)` once the current transaction commits."""
    transaction.on_commit(lambda: enqueue_now(send, what=what))
