"""A worker survives a Redis restart: a small patch to Kombu's Redis channel.

The fault (kombu 5.7.0, celery 5.7.0, redis-py 8.1.0; reproduced by
tests/integration/test_worker_redis_restart.py): when Redis goes away while
the worker is waiting in BRPOP and holds an unacknowledged task (acks_late),
Celery's consumer handles the connection error in
`Consumer.on_connection_error_after_connected`:

1. `connection.collect()` closes the default channel. `Channel.close` first
   reads the reply of the BRPOP in flight (`_brpop_read`); on the dead socket
   that raises a ConnectionError, which `Connection.maybe_close_channel`
   swallows. The channel is left half closed: not marked closed, its
   unacknowledged task not restored. `collect()` then detaches the
   transport (`transport.client = None`).
2. `connection.close()` closes the same channel again. This time it gets as
   far as restoring the unacknowledged task, which needs a new Redis pool,
   whose parameters come from `transport.client`: `AttributeError: 'NoneType'
   object has no attribute 'hostname'`. `ignore_errors` lets only connection
   errors pass, so the worker stops with "Unrecoverable error" and never
   comes back.

When no BRPOP is in flight (the task arrived while the worker was not
polling), step 1 closes the channel completely and the worker reconnects,
which is why the crash shows in most tries but not all.

The patch does what that lucky case does: a connection error while reading
the BRPOP in flight during `close` is the end of that read, not of the
close. The close goes on at once, while the transport is still attached: the
unacknowledged task is restored (or, with Redis unreachable, left in Redis's
unacked hash, where the visibility timeout restores it, which is Kombu's
design), and the second close is a no-op.

Upstream: celery/celery#10205 (a worker that stops consuming after a broker
connection reset) and celery/kombu#970 (`restore_unacked` failing in the
same `_connparams` line at shutdown) describe the same code paths; this
patch goes once a Kombu release closes a channel whose BRPOP read fails.
Remove it then: `redis_channel_close_patch` refuses to patch a Kombu whose
`Channel.close` no longer reads a BRPOP in flight, and logs that.
"""

import inspect
import logging
from contextlib import suppress
from queue import Empty

logger = logging.getLogger(__name__)

_PATCHED = "_samverkan_close_tolerates_lost_brpop"


def redis_channel_close_patch() -> bool:
    """Patch `kombu.transport.redis.Channel.close` once; True if it is
    patched (now or before), False if Kombu or redis-py is missing or its
    `close` is not the one this patch was written for."""
    try:
        from kombu.transport import redis as kombu_redis
    except ImportError:  # a host without redis-py: nothing to patch
        return False
    channel = kombu_redis.Channel
    if getattr(channel.close, _PATCHED, False):
        return True
    if kombu_redis.redis is None:
        return False
    if "_brpop_read" not in inspect.getsource(channel.close):
        logger.warning(
            "Kombu's Redis Channel.close changed; the Redis-restart patch of "
            "cms.infra.broker_patch is not applied (check whether it is still needed)."
        )
        return False
    original_close = channel.close

    def close(self):
        if self._in_poll and not self.closed:
            # The reply of the BRPOP in flight: a message (delivered as
            # before), none, or a dead connection, which ends the read.
            with suppress(Empty, *self.connection_errors):
                self._brpop_read()
        return original_close(self)

    setattr(close, _PATCHED, True)
    close.__doc__ = original_close.__doc__
    channel.close = close
    return True
