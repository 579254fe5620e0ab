"""An editor publishes while Redis, the broker and the cache, is stopped:
the page is published and the editor gets the normal answer within about a
second; queueing is logged and left to the periodic sweeps (issue 18, item
13). This process's cache and Celery broker are a Redis of this test's own,
which it stops, so the test runs in the parallel part."""

import logging
import time

import pytest

from django.urls import reverse

from cms.models import InterventionPage
from sync.models import Delivery, DeliveryStatus
from tests.cms.scoping.permission_matrix import intervention_form
from tests.factories import InterventionPageFactory, PersonFactory, publish
from tests.integration.redis_server import RedisServer
from tests.sync.factories import target_for

pytestmark = pytest.mark.integration

# Seconds. Queueing after commit gives up on the broker after about 0.4 s
# per task (CELERY_TASK_PUBLISH_RETRY_POLICY; a publish queues two); the
# cache answers a refused connection as a miss at once. The whole publish
# may take at most EXTRA_WITHIN longer than with Redis up (about 0.8 s
# longer here; this machine's noise is the rest).
QUEUEING_WITHIN = 1.0
EXTRA_WITHIN = 1.5


@pytest.fixture
def redis_for_cache_and_broker(tmp_path, settings):
    """Our Redis as this process's cache and Celery broker, one Redis for
    both as in production."""
    from config.celery import app

    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "LOCATION": server.url}
    }
    saved = {
        key: app.conf[key]
        for key in ("task_always_eager", "broker_url", "broker_transport_options")
    }
    app.conf.task_always_eager = False
    app.conf.broker_url = server.url
    app.conf.broker_transport_options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    app._pool = None
    app.amqp._producer_pool = None
    yield server
    server.stop()
    for key, value in saved.items():
        app.conf[key] = value
    app._pool = None
    app.amqp._producer_pool = None


def test_publishing_with_redis_stopped_answers_the_editor_normally(
    redis_for_cache_and_broker,
    region,
    org_a,
    editor_a,
    client,
    caplog,
    django_capture_on_commit_callbacks,
    settings,
):
    settings.SAMVERKAN_SYNC = {
        **settings.SAMVERKAN_SYNC,
        "INSECURE_HOSTS": ["127.0.0.1"],
    }
    # A partner: publishing records a delivery for it and queues its drain
    # (not sent here).
    target_for(region, "http://127.0.0.1:9/hook")
    owner = PersonFactory(organisation=org_a, user=editor_a)
    page = publish(
        InterventionPageFactory(
            parent=org_a, title="SFI Tumba", responsible_owner=owner
        )
    )
    client.force_login(editor_a)
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))

    def publish_as_editor(title):
        """The editor's publish: the request, then what runs after its
        commit (queueing), timed apart."""
        data = {
            "title": title,
            "slug": page.slug,
            **intervention_form(page),
            "action-publish": "1",
        }
        started = time.monotonic()
        with django_capture_on_commit_callbacks() as after_commit:
            response = client.post(url, data)
        requested = time.monotonic()
        for callback in after_commit:
            callback()
        return response, requested - started, time.monotonic() - requested

    # Redis up: the connections this process keeps are open; the second
    # publish is the normal time on this machine.
    publish_as_editor("SFI Tumba (1)")
    response, normal, _ = publish_as_editor("SFI Tumba (2)")
    assert response.status_code == 302

    redis_for_cache_and_broker.stop()
    with caplog.at_level(logging.WARNING):
        response, request, queueing = publish_as_editor("SFI Tumba (3)")

    assert response.status_code == 302  # back to the listing, as always
    page = InterventionPage.objects.get(pk=page.pk)
    assert page.live and page.title == "SFI Tumba (3)"
    # The change is recorded for the partner; the sweep sends it later.
    assert Delivery.objects.filter(status=DeliveryStatus.PENDING).exists()
    assert "Could not queue a drain" in caplog.text
    assert "Cache (Redis) unreachable" in caplog.text
    print(  # noqa: T201 - figures worth seeing in the test log
        f"publish: {normal:.2f}s with Redis; without: request {request:.2f}s, "
        f"then queueing {queueing:.2f}s"
    )
    assert queueing < QUEUEING_WITHIN
    assert request + queueing < normal + EXTRA_WITHIN
