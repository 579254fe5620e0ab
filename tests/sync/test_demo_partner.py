"""The demo's partner: `sync_demo` makes a webhook target on loopback that
the receiver answers, so the delivery log fills; the URL passes only where
the settings allow loopback (the dev settings; not the defaults)."""

import io
import threading
from contextlib import redirect_stdout
from http.server import ThreadingHTTPServer

import pytest

from django.core.management import call_command

from demo.sync import DEMO_TARGET_NAME, DemoReceiverHandler, demo_target_ensure
from sync.models import Delivery, DeliveryStatus, Target
from sync.tasks import sync_target_drain
from sync.urlsafety import UnsafeUrl
from tests.factories import InterventionPageFactory, publish


@pytest.fixture
def receiver():
    server = ThreadingHTTPServer(("127.0.0.1", 0), DemoReceiverHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_the_demo_target_fills_its_delivery_log(sync_settings, region, org_a, receiver):
    region.slug = "sodertorn"
    region.save()
    publish(InterventionPageFactory(parent=org_a, title="SFI Tumba"))
    publish(InterventionPageFactory(parent=org_a, title="Jobbspår"))

    call_command("sync_demo", "--port", str(receiver), stdout=io.StringIO())
    call_command("sync_demo", "--port", str(receiver), stdout=io.StringIO())

    target = Target.objects.get(name=DEMO_TARGET_NAME)
    assert target.url == f"http://127.0.0.1:{receiver}/webhook"
    assert target.has_secret
    assert Delivery.objects.filter(target=target).count() == 2
    printed = io.StringIO()
    with redirect_stdout(printed):
        sync_target_drain(target.pk)
    assert set(
        Delivery.objects.filter(target=target).values_list("status", flat=True)
    ) == {DeliveryStatus.DELIVERED}
    assert "intervention.created" in printed.getvalue()


def test_loopback_is_refused_without_the_dev_setting(region):
    with pytest.raises(UnsafeUrl):
        demo_target_ensure(region=region, url="http://127.0.0.1:8079/webhook")
    assert not Target.objects.exists()
