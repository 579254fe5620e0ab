"""Counts made on every request, added up in the process and sent to the
cache together.

Partner API usage and intervention reads are counted on every request
(cms.infra.counters). Sent one request at a time they cost a cache round
trip each: about a tenth of the CPU of an answer from the response cache,
measured under gunicorn. With SAMVERKAN_COUNTS_SEND_SECONDS above 0 (1 by
default) a process adds its counts up in memory, and one thread of its own
sends them at most that often, all in one round trip: they reach the
periodic flushes to the database (delivery.access.usage,
cms.statistics.counting) at most that much later. What is pending is sent
when the process exits normally; a process killed outright loses at most
that many seconds of counts. While Redis is unreachable the counts stay
pending and are sent with a later round trip, at most MAX_PENDING distinct
counters of them (past that, new counters are dropped with a warning, so
memory stays bounded). 0: each request sends its own counts at once (the
test suite). counts_sender_stop() stops the thread after sending what is
pending (at exit, and after a test that started it)."""

import atexit
import logging
import os
import threading
from collections import Counter

from cms.conf import cms_setting
from cms.infra.counters import counters_add_amounts, counters_add_many

logger = logging.getLogger(__name__)

MAX_PENDING = 50_000

_lock = threading.Lock()
_pending: Counter = Counter()  # (prefix, day, field) -> amount
_sender: threading.Thread | None = None
_stopping = threading.Event()  # the running thread's: set to stop it


def counters_count(counts) -> None:
    """Count one request's counters, `counts` as for
    cms.infra.counters.counters_add_many: sent at once, or added to what
    this process sends every SAMVERKAN_COUNTS_SEND_SECONDS."""
    every = float(cms_setting("SAMVERKAN_COUNTS_SEND_SECONDS"))
    if every <= 0:
        counters_add_many(counts)
        return
    dropped = 0
    with _lock:
        for prefix, day, fields in counts:
            for field in fields:
                dropped += not _pending_add((prefix, day, field), 1)
        _sender_started()
    if dropped:
        logger.warning("%d counts dropped: %d counters pending", dropped, MAX_PENDING)


def counts_send_pending() -> int:
    """Send what this process has pending, in one round trip. Returns the
    number of counters sent (0 when there were none or Redis was
    unreachable; then they stay pending)."""
    with _lock:
        taken = dict(_pending)
        _pending.clear()
    if not taken:
        return 0
    if counters_add_amounts(taken):
        return len(taken)
    with _lock:  # kept for the next round trip, within the bound
        for counter, amount in taken.items():
            _pending_add(counter, amount)
    return 0


def _pending_add(counter: tuple[str, str, str], amount: int) -> bool:
    """Add to a pending counter (call with the lock held); False when it
    would be a new counter past MAX_PENDING."""
    if counter not in _pending and len(_pending) >= MAX_PENDING:
        return False
    _pending[counter] += amount
    return True


def _sender_started() -> None:
    """Start this process's sending thread unless it runs (call with the
    lock held)."""
    global _sender, _stopping
    if _sender is not None and _sender.is_alive():
        return
    _stopping = threading.Event()
    _sender = threading.Thread(
        target=_send_every, args=(_stopping,), name="samverkan-counts", daemon=True
    )
    _sender.start()


def counts_sender_stop() -> None:
    """Stop this process's sending thread, if it runs, and send what is
    pending. The next count starts a thread again."""
    global _sender
    with _lock:
        sender, stopping, _sender = _sender, _stopping, None
    if sender is not None:
        stopping.set()
        sender.join()
    counts_send_pending()


def _send_every(stopping: threading.Event) -> None:
    # An event's wait, not time.sleep: the thread stops at once when asked,
    # and a test that replaces time.sleep does not run it in this thread.
    while not stopping.wait(_interval()):
        try:
            counts_send_pending()
        except Exception:  # the thread must live on; the counts stay pending
            logger.exception("Counts not sent")


def _interval() -> float:
    return float(cms_setting("SAMVERKAN_COUNTS_SEND_SECONDS")) or 1.0


def _forgotten_in_child() -> None:
    """A forked child starts empty: its parent sends what was pending, and
    the parent's thread does not run in the child."""
    global _lock, _pending, _sender, _stopping
    _lock = threading.Lock()
    _pending = Counter()
    _sender = None
    _stopping = threading.Event()


os.register_at_fork(after_in_child=_forgotten_in_child)
atexit.register(counts_sender_stop)
