"""Storing built payloads (sync.services.payloads): the text comes back
exactly, and a payload another drain stored meanwhile is kept, not an
error."""

import pytest

from django.db import connection

from cms.models import ContentChange
from sync.models import Payload
from sync.services.payloads import payloads_store
from tests.factories import InterventionPageFactory, publish

pytestmark = pytest.mark.django_db

AWKWARD = (
    '{"title":"Tab\\there, \\"citat\\", back\\\\slash\\\\N, ny\\nrad","å":"ö"}\t\n\\.'
)


@pytest.fixture
def changes(org_a):
    for _ in range(3):
        publish(InterventionPageFactory(parent=org_a))
    return list(ContentChange.objects.filter(object_type="intervention").order_by("pk"))


def test_text_is_stored_exactly(changes):
    texts = {change.pk: f"{AWKWARD} {change.pk}" for change in changes}
    payloads_store("hsds", texts)
    stored = dict(Payload.objects.values_list("change_id", "body"))
    assert stored == texts


def test_a_payload_stored_meanwhile_is_kept(changes):
    first, *others = changes
    Payload.objects.create(change=first, format="hsds", body='"built by another"')

    payloads_store("hsds", {change.pk: '"ours"' for change in changes})

    stored = dict(Payload.objects.values_list("change_id", "body"))
    assert stored[first.pk] == '"built by another"'
    assert {stored[change.pk] for change in others} == {'"ours"'}
    # The failed attempt left the transaction usable.
    assert Payload.objects.count() == 3
    if connection.vendor == "postgresql":
        assert not connection.needs_rollback


def test_other_formats_are_separate(changes):
    payloads_store("hsds", {changes[0].pk: '"hsds"'})
    payloads_store("api", {changes[0].pk: '"api"'})
    assert set(Payload.objects.values_list("format", "body")) == {
        ("hsds", '"hsds"'),
        ("api", '"api"'),
    }


def test_publishing_builds_the_formats_of_the_configured_partners(
    region, org_a, partner, django_capture_on_commit_callbacks
):
    from tests.sync.factories import target_for

    # No partner yet: nothing is built.
    with django_capture_on_commit_callbacks(execute=True):
        before = publish(InterventionPageFactory(parent=org_a))
    assert not Payload.objects.exists()

    target_for(region, partner.url, adapter="hsds")
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(InterventionPageFactory(parent=org_a, title="Ny"))
    change = ContentChange.objects.filter(page_id=page.pk).latest("pk")
    built = dict(Payload.objects.filter(change=change).values_list("format", "body"))
    # Only what the HSDS partner is sent: no other format is built for nobody.
    assert set(built) == {"hsds.1"}
    assert '"Ny"' in built["hsds.1"]
    assert not Payload.objects.filter(change__page_id=before.pk).exists()

    # A second partner, in the webhook's format: both are built from then on.
    target_for(region, partner.url, adapter="webhook", name="Webhook")
    page.title = "Nyare"
    with django_capture_on_commit_callbacks(execute=True):
        publish(page)
    change = ContentChange.objects.filter(page_id=page.pk).latest("pk")
    built = dict(Payload.objects.filter(change=change).values_list("format", "body"))
    assert set(built) == {"api.2", "hsds.1"}
    assert '"Nyare"' in built["api.2"] and '"Nyare"' in built["hsds.1"]

    # A tombstone has nothing to build.
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert not Payload.objects.filter(change__action="unpublished").exists()


def test_the_command_builds_what_is_missing_once(changes):
    from io import StringIO

    from django.core.management import call_command

    call_command("sync_build_payloads", "--no-progress", stdout=StringIO())
    stored = Payload.objects.count()
    assert stored == len(changes) * 3
    call_command("sync_build_payloads", "--no-progress", stdout=StringIO())
    assert Payload.objects.count() == stored


def test_payloads_of_a_retired_format_revision_are_not_sent_and_pruned(changes):
    from django.core.cache import cache

    from sync.services import sync_prune
    from sync.services.payloads import payloads_for
    from sync.services.pruning import PRUNE_KEY
    from sync.targets.hsds import HsdsAdapter

    change = changes[0]
    # Stored by an earlier deploy, whose HSDS fragments had another shape.
    Payload.objects.create(change=change, format="hsds.0", body='{"old": true}')
    adapter = HsdsAdapter(target=None, client=None)

    fragment = payloads_for(adapter=adapter, changes=[change])[change.pk]

    assert '"old"' not in fragment and str(change.object_id) in fragment
    cache.delete(PRUNE_KEY)  # pruned at most hourly: not by an earlier test
    assert sync_prune(every_seconds=0) == 1
    assert list(Payload.objects.values_list("format", flat=True)) == ["hsds.1"]
