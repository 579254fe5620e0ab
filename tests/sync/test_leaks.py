"""Nothing that is not public leaves through any adapter: drafts, private
(login and password restricted) pages and everything under them,
unpublished pages and unpublished newer revisions of live pages, and a page
made private after it was sent (its stored payload stays at home). Checked
in what a real loopback partner received, on the event path, after a resend
of everything and in a full resync.

A new adapter is covered by adding it to ADAPTERS."""

import pytest

from wagtail.models import PageViewRestriction

from cms.models import OrganisationPage
from sync.models import Delivery
from sync.services import deliveries_resend, target_resync
from tests.factories import InterventionPageFactory, publish
from tests.sync.factories import target_for

pytestmark = pytest.mark.django_db

ADAPTERS = ["webhook", "hsds", "informationsverige"]
MARK = "HEMLIG"  # in every secret title; ASCII, so no JSON escape hides it
EARLIER = "TIDIGAREPUBLIK"  # public once, then made private


def _restrict(page, kind):
    extra = {"password": "x"} if kind == "password" else {}
    PageViewRestriction.objects.create(page=page, restriction_type=kind, **extra)


def _secret(parent, what, **kwargs):
    return InterventionPageFactory(parent=parent, title=f"{MARK} {what}", **kwargs)


def _bodies(partner) -> list[bytes]:
    return [body for _, body, _ in partner.requests]


def _assert_nothing_secret(partner, *, public):
    bodies = _bodies(partner)
    assert bodies, "the partner received nothing at all"
    for body in bodies:
        assert MARK.encode() not in body
        assert EARLIER.encode() not in body
    # Not vacuous: the public interventions did arrive.
    for page in public:
        assert any(str(page.uuid).encode() in body for body in bodies)


@pytest.mark.parametrize("adapter", ADAPTERS)
def test_only_public_content_reaches_the_partner(
    adapter, region, org_a, org_b, partner, django_capture_on_commit_callbacks
):
    # Municipality codes, so the informationsverige adapter has entries.
    OrganisationPage.objects.filter(pk=org_a.pk).update(municipality_code="0127")
    OrganisationPage.objects.filter(pk=org_b.pk).update(municipality_code="0136")
    target = target_for(region, partner.url, adapter=adapter, batch_size=5)
    with django_capture_on_commit_callbacks(execute=True):
        public = [publish(InterventionPageFactory(parent=org_a, title="Öppen"))]
        earlier = publish(InterventionPageFactory(parent=org_a, title=EARLIER))
    assert any(EARLIER.encode() in body for body in _bodies(partner))
    partner.requests.clear()

    with django_capture_on_commit_callbacks(execute=True):
        # A draft, never published.
        _secret(org_a, "utkast", live=False)
        # Login and password restricted pages, published behind it.
        for kind in ("login", "password"):
            page = _secret(org_a, kind, live=False)
            _restrict(page, kind)
            publish(page)
        # A whole organisation behind a login, with a page published under it.
        _restrict(org_b, "login")
        publish(_secret(org_b, "under-inloggning"))
        # Unpublished after being live, then edited while unpublished.
        gone = publish(InterventionPageFactory(parent=org_a, title="Snart borta"))
        gone.unpublish()
        gone.title = f"{MARK} avpublicerad"
        gone.save()
        gone.save_revision()
        # A live page with a newer revision that is not published.
        live = publish(InterventionPageFactory(parent=org_a, title="Publicerad"))
        live.title = f"{MARK} opublicerad revision"
        live.save_revision()
        public.append(live)
        # Sent while public, then made private (its payload is stored).
        _restrict(earlier, "login")
        public.append(publish(InterventionPageFactory(parent=org_a, title="Ny")))
    _assert_nothing_secret(partner, public=public[1:])

    # Everything sent so far again (stored payloads included), and a full
    # resync: still only public content.
    partner.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        deliveries_resend(deliveries=Delivery.objects.filter(target=target))
    with django_capture_on_commit_callbacks(execute=True):
        target_resync(target=target)
    _assert_nothing_secret(partner, public=public)
    assert target.deliveries.filter(resync=True).count() == len(public)
    assert partner.rejected == 0
