"""The bank the HSDS tests read: published, draft, private and ended
interventions over two organisations."""

import datetime
from decimal import Decimal

import pytest

from django.utils import timezone

from cms.models import (
    InterventionCategory,
    InterventionClosure,
    InterventionLocation,
    InterventionOpeningTime,
    Language,
)
from tests.factories import (
    InterventionPageFactory,
    PersonFactory,
    publish,
)


@pytest.fixture
def bank(org_a, org_b, region):
    org_a.description = "Kommunen söder om Stockholm."
    org_a.website = "https://www.botkyrka.se"
    org_a.email = "kommun@botkyrka.se"
    org_a.phone = "08-530 610 00"
    org_a.org_number = "212000-2882"
    publish(org_a)
    contact = PersonFactory(
        organisation=org_a,
        name="Amina Yusuf",
        title="Samordnare",
        email="amina.yusuf@botkyrka.se",
        phone="08-530 612 34",
    )
    sfi = InterventionPageFactory(
        parent=org_a,
        title="SFI Tumba",
        summary="Svenska för invandrare i Tumba.",
        description="<p>Kurser på <b>alla</b> nivåer.</p><ul><li>Dag</li></ul>",
        eligibility="Folkbokförd i kommunen.",
        min_age=18,
        max_age=64,
        start_date=datetime.date(2026, 1, 12),
        end_date=datetime.date(2026, 12, 18),
        schedule_note="Intag varannan månad",
        how_to_apply="Anmäl dig på webben.",
        cost_description="Kostnadsfritt för deltagaren.",
        exchange_terms="buy_or_swap",
        price_per_participant=Decimal("12500.00"),
        capacity=40,
        places_for_others=5,
        contact_person=contact,
        contact_email="sfi@botkyrka.se",
        contact_phone="08-530 613 00",
        last_reviewed_at=timezone.now() - datetime.timedelta(days=10),
    )
    sfi.languages.set(Language.objects.filter(code__in=["ar", "sv"]))
    sfi.service_area.set([org_a, org_b])
    sfi.locations = [
        InterventionLocation(
            name="Tumba bibliotek",
            street_address="Tumba torg 1",
            postal_code="147 30",
            city="Tumba",
            latitude=Decimal("59.199500"),
            longitude=Decimal("17.833900"),
        ),
        InterventionLocation(street_address="Storgatan 2", city="Alby"),
    ]
    sfi.opening_times = [
        InterventionOpeningTime(
            weekday=1,
            opens=datetime.time(9),
            closes=datetime.time(12),
            note="Förmiddag",
        ),
        InterventionOpeningTime(
            weekday=3, opens=datetime.time(13), closes=datetime.time(16, 30)
        ),
    ]
    sfi.closures = [
        InterventionClosure(
            start_date=datetime.date(2026, 7, 1),
            end_date=datetime.date(2026, 7, 31),
            recurs_yearly=True,
            reason="Sommaruppehåll",
        ),
        InterventionClosure(
            start_date=datetime.date(2026, 12, 24),
            end_date=datetime.date(2026, 12, 26),
        ),
    ]
    publish(sfi)
    cafe = InterventionPageFactory(
        parent=org_b,
        title="Språkcafé Haninge",
        summary="Samtal på svenska över en kopp kaffe.",
        category=InterventionCategory.objects.get(slug="sprak-och-motesplatser"),
        status="temporarily_closed",
        provider=org_a,
    )
    cafe.service_area.set([org_b])
    publish(cafe)
    ended = publish(
        InterventionPageFactory(parent=org_b, title="Avslutad kurs", status="ended")
    )
    return {"sfi": sfi, "cafe": cafe, "ended": ended, "contact": contact}
