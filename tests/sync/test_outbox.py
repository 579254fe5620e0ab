"""The outbox: deliveries written in the publishing transaction, tasks
after commit only, the sweeper for lost tasks, coalescing."""

import pytest

from django.db import transaction

from cms.models import ContentChange
from sync.models import Delivery, DeliveryStatus
from sync.tasks import sync_sweep
from tests.factories import InterventionPageFactory, NewsPageFactory, publish
from tests.sync.factories import target_for

pytestmark = pytest.mark.django_db


def test_publish_writes_one_delivery_per_matching_target(
    region, org_a, org_b, partner, django_capture_on_commit_callbacks
):
    everything = target_for(region, partner.url, name="All")
    only_b = target_for(region, partner.url, name="Haninge only")
    only_b.organisations.set([org_b])
    target_for(
        region, partner.url, name="News only", send_interventions=False, send_news=True
    )
    target_for(region, partner.url, name="Off", enabled=False)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page = publish(InterventionPageFactory(parent=org_a))

    change = ContentChange.objects.get(object_id=page.uuid)
    delivery = Delivery.objects.get()
    assert delivery.target == everything
    assert delivery.change == change
    assert delivery.message_id == change.event_id
    assert delivery.status == DeliveryStatus.PENDING

    def queued(callback) -> str:  # what cms.infra.enqueue queues after commit
        # (Other callbacks, such as functools.partial objects, have no closure.)
        closure = getattr(callback, "__closure__", None) or ()
        cells = [cell.cell_contents for cell in closure]
        return next((cell for cell in cells if isinstance(cell, str)), "")

    ours = [c for c in callbacks if queued(c).startswith("a drain of sync target")]
    assert len(ours) == 1  # one drain enqueued, after commit
    assert partner.requests == []  # nothing sent before commit


def test_rolled_back_change_sends_nothing(region, org_a, partner):
    target_for(region, partner.url)
    page = InterventionPageFactory(parent=org_a)
    with pytest.raises(RuntimeError), transaction.atomic():
        publish(page)
        assert Delivery.objects.count() == 1
        raise RuntimeError("the publish fails after the change was recorded")

    assert Delivery.objects.count() == 0
    assert ContentChange.objects.count() == 0
    assert partner.requests == []


def test_after_commit_the_delivery_is_sent(
    region, org_a, partner, django_capture_on_commit_callbacks
):
    target_for(region, partner.url)
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(InterventionPageFactory(parent=org_a, title="SFI kväll"))

    assert len(partner.requests) == 1
    version, sent = partner.state[str(page.uuid)]
    assert (version, sent["title"]) == (1, "SFI kväll")
    assert Delivery.objects.get().status == DeliveryStatus.DELIVERED


def test_lost_task_is_swept_up(
    region, org_a, partner, django_capture_on_commit_callbacks
):
    target_for(region, partner.url)
    # The task is lost: the commit callbacks (enqueue) are dropped.
    with django_capture_on_commit_callbacks(execute=False):
        page = publish(InterventionPageFactory(parent=org_a))
    assert partner.requests == []

    assert sync_sweep.delay().get() == 1

    assert str(page.uuid) in partner.state
    assert Delivery.objects.get().status == DeliveryStatus.DELIVERED


def test_tombstone_goes_to_targets_that_had_the_object(
    region, org_a, partner, django_capture_on_commit_callbacks
):
    target = target_for(region, partner.url)
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(InterventionPageFactory(parent=org_a))
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()

    assert str(page.uuid) not in partner.state
    assert partner.removed[str(page.uuid)] == 2
    assert target.deliveries.filter(status=DeliveryStatus.DELIVERED).count() == 2


def test_only_the_newest_version_is_sent(
    region, org_a, partner, django_capture_on_commit_callbacks
):
    target_for(region, partner.url)
    with django_capture_on_commit_callbacks(execute=False):
        page = publish(InterventionPageFactory(parent=org_a, title="v1"))
        for title in ("v2", "v3"):
            page.title = title
            publish(page)
    assert Delivery.objects.count() == 3

    sync_sweep.delay()

    assert len(partner.requests) == 1
    version, sent = partner.state[str(page.uuid)]
    assert (version, sent["title"]) == (3, "v3")
    statuses = list(
        Delivery.objects.order_by("version").values_list("status", flat=True)
    )
    assert statuses == ["superseded", "superseded", "delivered"]


def test_news_reach_targets_that_want_news(
    region, org_a, partner, django_capture_on_commit_callbacks
):
    target_for(region, partner.url, send_interventions=False, send_news=True)
    with django_capture_on_commit_callbacks(execute=True):
        news = publish(NewsPageFactory(parent=org_a, title="Nytt om SFI"))

    version, sent = partner.state[str(news.translation_key)]
    assert sent["title"] == "Nytt om SFI"


def test_sweep_enqueues_one_drain_per_target(
    region, org_a, partner, django_capture_on_commit_callbacks
):
    from sync.services.sending import targets_with_due_deliveries

    target = target_for(region, partner.url)
    with django_capture_on_commit_callbacks(execute=False):
        for _ in range(3):
            publish(InterventionPageFactory(parent=org_a))
    assert targets_with_due_deliveries() == [target.pk]
