"""How far an import run in a worker has come, told through the shared
cache (Redis, or the file cache of the embedded default) so that the admin
can show it while the run's own transaction is still open.

A thread of the worker writes the progress every HEARTBEAT_SECONDS; a run
whose progress is older than STALE_SECONDS has lost its worker."""

import contextlib
import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass

from django.core.cache import cache

from cms.importing.conf import import_setting

logger = logging.getLogger(__name__)


def _key(run_id: int) -> str:
    return f"samverkan:import-run:{run_id}:progress"


@dataclass
class Progress:
    """The loop of the run (1: checking the rows, 2: saving them), and how
    many of its items are done."""

    step: int = 0
    done: int = 0
    total: int = 0

    def wrap(self, items, *, total: int, desc=None):
        """The `progress` callable of cms.importing.run.run_import."""
        self.step += 1
        self.done, self.total = 0, total
        for item in items:
            yield item
            self.done += 1


def _cache_errors() -> tuple[type[BaseException], ...]:
    try:
        from redis.exceptions import RedisError
    except ImportError:  # a host without Redis
        return (OSError,)
    return (OSError, RedisError)


def progress_record(*, run_id: int, progress: Progress) -> None:
    try:
        cache.set(
            _key(run_id),
            {**asdict(progress), "beat": time.time()},
            timeout=import_setting("STALE_SECONDS") * 10,
        )
    except _cache_errors():  # a cache outage must not stop the import
        logger.warning("Could not record the progress of import run %s", run_id)


def progress_of(*, run_id: int) -> dict | None:
    """{"step", "done", "total", "beat"} as last recorded, or None."""
    return cache.get(_key(run_id))


@contextlib.contextmanager
def progress_reported(*, run_id: int) -> Iterator[Progress]:
    """A Progress that a thread records every HEARTBEAT_SECONDS until the
    block ends (then the run's state in the database takes over)."""
    progress = Progress()
    stop = threading.Event()

    def beat():
        while True:
            progress_record(run_id=run_id, progress=progress)
            if stop.wait(import_setting("HEARTBEAT_SECONDS")):
                return

    thread = threading.Thread(target=beat, name=f"import-run-{run_id}", daemon=True)
    thread.start()
    try:
        yield progress
    finally:
        stop.set()
        thread.join()
        with contextlib.suppress(*_cache_errors()):
            cache.delete(_key(run_id))
