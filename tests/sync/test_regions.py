"""Two regions, each with its own partner on loopback: a region's target is
sent its region's content only (publish, resync, moves between regions),
over real HTTP with signatures verified by the partner."""

import pytest

from sync.services import target_drain
from sync.services.outbox import target_resync
from tests.factories import (
    InterventionPageFactory,
    NewsPageFactory,
    publish,
    region_with_content,
)
from tests.sync.conftest import SECRET
from tests.sync.factories import target_for
from tests.sync.partner_stub import PartnerStub

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner_b(sync_settings):
    stub = PartnerStub(secret=SECRET).start()
    yield stub
    stub.stop()


def _titles(stub) -> set[str]:
    return {document["title"] for _version, document in stub.state.values()}


def test_each_regions_partner_receives_only_its_regions_content(
    partner, partner_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        a = region_with_content(slug="sodertorn", title="Södertörn", marker="Alfa")
        b = region_with_content(slug="norrort", title="Norrort", marker="Beta")
    target_a = target_for(a["region"], partner.url, send_news=True)
    target_b = target_for(b["region"], partner_b.url, send_news=True)

    # Content published before the targets existed: a resync of each.
    assert target_resync(target=target_a) == 2
    assert target_resync(target=target_b) == 2
    # Content published now: the outbox.
    with django_capture_on_commit_callbacks(execute=False):
        publish(
            InterventionPageFactory(parent=a["organisation"], title="Alfa ny insats")
        )
        publish(NewsPageFactory(parent=b["organisation"], title="Beta ny nyhet"))
    target_drain(target_id=target_a.pk)
    target_drain(target_id=target_b.pk)

    assert partner.rejected == 0 and partner_b.rejected == 0
    assert _titles(partner) == {"Alfa insats", "Alfa nyhet", "Alfa ny insats"}
    assert _titles(partner_b) == {"Beta insats", "Beta nyhet", "Beta ny nyhet"}
    assert not any(b"Beta" in body for _h, body, _c in partner.requests)
    assert not any(b"Alfa" in body for _h, body, _c in partner_b.requests)

    # Moved to region B: region A's partner is told it is gone, B's gets it.
    moving = a["intervention"]
    with django_capture_on_commit_callbacks(execute=False):
        moving.move(b["organisation"], pos="last-child")
    target_drain(target_id=target_a.pk)
    target_drain(target_id=target_b.pk)
    assert str(moving.uuid) in partner.removed
    assert "Alfa insats" not in _titles(partner)
    assert "Alfa insats" in _titles(partner_b)
