"""samverkan.workers: the signals a host's Celery app connects for
Samverkan's workers, once however often it is called."""

from celery.signals import celeryd_init, worker_process_init, worker_ready

from samverkan.workers import (
    freeze_startup_objects,
    record_first_heartbeat,
    survive_redis_restarts,
    worker_signals_connect,
)


def receivers_of(signal) -> list:
    return [ref() for _key, ref in signal.receivers]


def test_the_reference_hosts_celery_app_connects_each_signal_once():
    import config.celery  # noqa: F401 - calls worker_signals_connect()

    worker_signals_connect()

    for signal, receiver in (
        (celeryd_init, survive_redis_restarts),
        (worker_ready, record_first_heartbeat),
        (worker_process_init, freeze_startup_objects),
    ):
        assert receivers_of(signal).count(receiver) == 1
