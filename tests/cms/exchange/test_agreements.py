"""Agreements: recorded only as the offer allows (places > 0, a sane
period, terms the intervention is open to, no more places than it has for
others), seen by the two parties and the region's central administrators
only, and counted by the quarterly report, which also shows who is served
by a neighbour's intervention."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from cms.exchange import selectors
from cms.exchange.services import agreement_record, seek_record
from cms.models import ExchangeAgreement, InterventionCategory
from cms.reviews.report import report_rows, review_report
from tests.cms.exchange.conftest import SPRING
from tests.factories import OrganisationPageFactory

pytestmark = pytest.mark.django_db


def record(bank, offer="buy", **fields):
    fields.setdefault("taker", bank.botkyrka)
    fields.setdefault("places", 4)
    fields.setdefault("period_start", SPRING[0])
    fields.setdefault("period_end", SPRING[1])
    return agreement_record(intervention=bank.offers[offer], **fields)


def test_seek_to_matching_offer_to_agreement_to_report(bank):
    seek = seek_record(
        organisation=bank.botkyrka,
        title="Tio platser i SFI",
        category=InterventionCategory.objects.get(slug="sfi"),
        places=4,
        period_start=SPRING[0],
        period_end=SPRING[1],
        terms="buy",
    )
    chosen = next(
        o for o in selectors.offers_matching(seek=seek) if o.places_for_others
    )
    assert chosen.title == "Köp SFI"

    agreement = agreement_record(
        intervention=chosen,
        taker=bank.botkyrka,
        places=seek.places,
        period_start=seek.period_start,
        period_end=seek.period_end,
        seek=seek,
    )

    # The intervention's price when none is agreed; the owner is the provider.
    assert agreement.price_per_participant == Decimal("4500")
    assert agreement.total_price == Decimal("18000")
    assert agreement.provider_id == bank.haninge.pk
    report = review_report(quarter="2027Q1", today=datetime.date(2027, 2, 1))
    rows = {row.organisation: row for row in report.rows}
    assert (
        rows["Haninge kommun"].agreements_provided,
        rows["Haninge kommun"].places_provided,
    ) == (1, 4)
    assert (
        rows["Botkyrka kommun"].agreements_taken,
        rows["Botkyrka kommun"].places_taken,
    ) == (1, 4)
    assert (report.totals.agreements_provided, report.totals.agreements_taken) == (1, 1)
    # Not in a quarter the agreement does not run in.
    assert (
        review_report(
            quarter="2027Q3", today=datetime.date(2027, 8, 1)
        ).totals.agreements_taken
        == 0
    )


def test_report_per_municipality_served(bank):
    swap = bank.offers["swap"]
    swap.service_area.set([bank.haninge, bank.huddinge])
    swap.save()  # a ParentalManyToManyField is written on save
    record(bank, offer="buy")  # Botkyrka takes places in Haninge's SFI

    report = review_report(quarter="2027Q1", today=datetime.date(2027, 2, 1))

    served = {row.municipality: row for row in report.served}
    # Botkyrka: its own SFI (listing no municipality) and Haninge's by the
    # agreement. Haninge: its five live, running entries (the draft and the
    # ended one are not in the bank). Huddinge: Haninge's swap lists it.
    assert [
        (r.own, r.neighbours, r.by_agreement)
        for r in (
            served["Botkyrka kommun"],
            served["Haninge kommun"],
            served["Huddinge kommun"],
        )
    ] == [
        (1, 0, 1),
        (5, 0, 0),
        (0, 1, 0),
    ]
    matrix = dict(report.served_matrix)
    sfi = report.categories.index("SFI")
    assert (matrix["Botkyrka kommun"][sfi], matrix["Huddinge kommun"][sfi]) == (2, 1)
    csv_rows = list(report_rows(report))
    assert ["Huddinge kommun", 0, 1, 0, 1] in csv_rows


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"places": 0}, "places"),
        ({"period_end": SPRING[0] - datetime.timedelta(days=1)}, "period_end"),
        ({"period_end": datetime.date(2031, 1, 1)}, "period_end"),
        ({"period_start": datetime.date(1999, 1, 1)}, "period_start"),
        ({"places": 11}, "places"),  # Köp SFI has 10 places for others
        ({"offer": "swap"}, "terms"),  # bought, but only swaps are offered
        ({"offer": "draft"}, "intervention"),
        ({"offer": "own"}, "taker"),  # Botkyrka cannot take its own places
    ],
)
def test_agreement_refused(bank, fields, field):
    with pytest.raises(ValidationError) as refused:
        record(bank, **fields)
    assert field in refused.value.message_dict
    assert not ExchangeAgreement.objects.exists()


def test_places_left_count_the_overlapping_agreements_only(bank):
    record(bank, places=7, taker=bank.huddinge)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        record(bank, places=4)
    assert "Only 3 of the 10 places" in str(refused.value)
    record(bank, places=3)
    # The next half year the ten places are free again.
    record(
        bank,
        places=10,
        period_start=datetime.date(2027, 7, 1),
        period_end=datetime.date(2027, 12, 31),
    )


def test_taker_from_another_region_is_refused(bank):
    elsewhere = OrganisationPageFactory(title="Uppsala kommun")
    with pytest.raises(ValidationError) as refused:
        record(bank, taker=elsewhere)
    assert "taker" in refused.value.message_dict


def test_both_parties_and_the_central_administrator_see_it_nobody_else(bank):
    agreement = record(bank)
    seen = {
        name: selectors.agreements_visible_to(user=user)
        .filter(pk=agreement.pk)
        .exists()
        for name, user in [*bank.editors.items(), ("central", bank.central_admin)]
    }
    assert seen == {
        "botkyrka": True,
        "haninge": True,
        "huddinge": False,
        "central": True,
    }


def test_published_seeks_reach_the_region_drafts_do_not(bank):
    for status in ("draft", "open", "closed"):
        seek_record(
            organisation=bank.botkyrka,
            title=f"Botkyrka {status}",
            period_start=SPRING[0],
            period_end=SPRING[1],
            status=status,
        )
    seen_by_huddinge = selectors.seeks_published_to(user=bank.editors["huddinge"])
    assert [s.title for s in seen_by_huddinge] == ["Botkyrka open"]
    # Botkyrka's own seeks are in its own listing, not among "others'".
    assert not selectors.seeks_published_to(user=bank.editors["botkyrka"]).exists()
    assert selectors.seeks_editable_by(user=bank.editors["botkyrka"]).count() == 3
    assert not selectors.seeks_editable_by(user=bank.editors["huddinge"]).exists()


def test_admin_report_shows_agreements_and_municipalities_served_in_swedish(
    bank, client
):
    record(bank)
    url = reverse("samverkan_review_report")

    with time_machine.travel(datetime.datetime(2027, 2, 1, 12, tzinfo=datetime.UTC)):
        client.force_login(bank.central_admin)
        response = client.get(url, {"quarter": "2027Q1"})
    assert response.status_code == 200
    body = response.content.decode()

    for swedish in (
        "Överenskommelser som anordnare (platser)",
        "Kommuner som omfattas",
        "Täckning: insatser per kommun som omfattas och kategori",
        "Genom överenskommelse",
    ):
        assert swedish in body, swedish
    assert "Municipalities served" not in body
