"""The Redis-restart patch (cms/infra/broker_patch.py) still fits the installed
Kombu: if an upgrade changes `Channel.close`, the patch refuses to apply and
this test says so, so that someone checks whether the upgrade fixed the
crash (tests/integration/test_worker_redis_restart.py shows it end to end)."""

from kombu.transport.redis import Channel

from cms.infra.broker_patch import redis_channel_close_patch


def test_the_patch_applies_to_the_installed_kombu_once():
    assert redis_channel_close_patch() is True
    patched = Channel.close

    assert redis_channel_close_patch() is True
    assert Channel.close is patched  # not wrapped twice


def test_the_worker_applies_it_before_it_consumes():
    from celery.signals import celeryd_init

    import config.celery  # noqa: F401 - connects the receiver
    from samverkan.workers import survive_redis_restarts

    receivers = [ref() for _key, ref in celeryd_init.receivers]
    assert survive_redis_restarts in receivers
