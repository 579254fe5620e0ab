"""One small bank per test module (built once, rolled back after it):
Haninge offers, Botkyrka seeks, Huddinge is a third party; each test's
own changes are rolled back by its own transaction."""

import datetime
from dataclasses import dataclass

import pytest

from django.db import transaction

from cms.models import InterventionCategory
from tests.factories import (
    InterventionPageFactory,
    OrganisationPageFactory,
    RegionPageFactory,
    central_admin_of,
    editor_of,
)

SPRING = (datetime.date(2027, 1, 1), datetime.date(2027, 6, 30))


def offer(parent, title, terms, **fields):
    """A published intervention of `parent` open to other organisations.
    Live as created (the factory's default): publishing a revision as the
    admin does adds nothing that matching reads, and costs time."""
    fields.setdefault("price_per_participant", None if terms == "swap" else 4500)
    return InterventionPageFactory(
        parent=parent, title=title, exchange_terms=terms, **fields
    )


@dataclass
class Bank:
    region: object
    botkyrka: object  # seeks
    haninge: object  # offers
    huddinge: object  # a third party
    offers: dict
    editors: dict
    central_admin: object


@pytest.fixture(scope="module")
def bank(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        region = RegionPageFactory(
            title="Södertörn", slug="sodertorn", short_name="Södertörn"
        )
        botkyrka, haninge, huddinge = (
            OrganisationPageFactory(parent=region, title=f"{name} kommun", slug=slug)
            for name, slug in (
                ("Botkyrka", "botkyrka"),
                ("Haninge", "haninge"),
                ("Huddinge", "huddinge"),
            )
        )
        language = InterventionCategory.objects.get(slug="sprak-och-motesplatser")
        offers = {
            "buy": offer(haninge, "Köp SFI", "buy", places_for_others=10),
            "swap": offer(haninge, "Byt SFI", "swap"),
            "either": offer(
                haninge, "Köp eller byt SFI", "buy_or_swap", price_per_participant=6000
            ),
            "none": offer(haninge, "Stängd SFI", "none"),
            "cafe": offer(haninge, "Språkcafé", "buy", category=language),
            "ended": offer(haninge, "Avslutad SFI", "buy", status="ended"),
            "draft": offer(
                haninge, "HEMLIGTUTKAST SFI", "buy", places_for_others=5, live=False
            ),
            "own": offer(botkyrka, "Botkyrkas egen SFI", "buy"),
        }
        yield Bank(
            region=region,
            botkyrka=botkyrka,
            haninge=haninge,
            huddinge=huddinge,
            offers=offers,
            editors={
                org.slug: editor_of(org, username=f"editor_{org.slug}")
                for org in (botkyrka, haninge, huddinge)
            },
            central_admin=central_admin_of(region, username="strategist"),
        )
        transaction.set_rollback(True)
