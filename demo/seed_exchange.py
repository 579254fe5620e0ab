"""Köp, byt och sälj in the demo: what Botkyrka, Haninge and Nacka seek
(Nacka's still a draft) and two agreements running from this quarter, so
the demo editor of Botkyrka finds matching offers and an agreement, and
the quarterly report counts them. Idempotent: looked up by their natural
keys."""

import datetime

from django.utils import timezone

from cms.exchange.services import agreement_record, seek_record
from cms.models import (
    ExchangeAgreement,
    InterventionCategory,
    InterventionPage,
    OrganisationPage,
    Person,
    PlaceSeek,
)

# (organisation, title, category, places, terms, highest price, programme,
#  contact, status)
SEEKS = [
    (
        "botkyrka",
        "Platser i yrkes-SFI undersköterska för fyra deltagare",
        "yrkes-sfi",
        4,
        "buy_or_swap",
        None,
        "both",
        "elin.sandberg",
        "open",
    ),
    (
        "haninge",
        "SFI-platser för tio deltagare i etableringsprogrammet",
        "sfi",
        10,
        "buy",
        5000,
        "participants",
        "maria.nordin",
        "open",
    ),
    (
        "nacka",
        "Föräldrastöd på dari för sex familjer",
        "foraldraskap",
        6,
        "swap",
        None,
        "both",
        "sara.holm",
        "draft",
    ),
]

# (intervention external id, taker, places, terms, answers the seek titled)
AGREEMENTS = [
    ("demo-huddinge-1", "haninge", 10, "buy", SEEKS[1][1]),
    ("demo-botkyrka-3", "salem", 2, "swap", None),
]


def _half_year() -> tuple[datetime.date, datetime.date]:
    """From the first day of this quarter, six months on."""
    today = timezone.localdate()
    start = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    years, month = divmod(start.month - 1 + 6, 12)
    after = datetime.date(start.year + years, month + 1, 1)
    return start, after - datetime.timedelta(days=1)


def exchange_seed(
    organisations: dict[str, OrganisationPage], people: dict[str, Person]
) -> None:
    start, end = _half_year()
    categories = {c.slug: c for c in InterventionCategory.objects.all()}
    seeks = {}
    for org, title, category, places, terms, price, programme, contact, status in SEEKS:
        organisation = organisations[org]
        seek = PlaceSeek.objects.filter(organisation=organisation, title=title).first()
        if seek is None:
            seek = seek_record(
                organisation=organisation,
                title=title,
                period_start=start,
                period_end=end,
                status=status,
                category=categories.get(category),
                places=places,
                terms=terms,
                max_price=price,
                establishment_programme=programme,
                contact_person=people.get(contact),
            )
        seeks[title] = seek
    for external_id, taker, places, terms, seek_title in AGREEMENTS:
        intervention = InterventionPage.objects.filter(external_id=external_id).first()
        if (
            intervention is None
            or ExchangeAgreement.objects.filter(
                intervention=intervention, taker=organisations[taker]
            ).exists()
        ):
            continue
        agreement_record(
            intervention=intervention,
            taker=organisations[taker],
            places=places,
            period_start=start,
            period_end=end,
            terms=terms,
            seek=seeks.get(seek_title),
        )
