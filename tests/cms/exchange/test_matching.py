"""A seek finds the offers that match it: terms (buy and swap include
buy_or_swap, as the API's filter), category, ages, programme, period,
highest price, places left and municipality served; never a draft, an
ended entry, the seeker's own or another region's."""

import datetime

import pytest

from cms.exchange.selectors import offer_places_left, offers_matching
from cms.exchange.services import agreement_record, seek_record
from cms.models import InterventionCategory
from tests.cms.exchange.conftest import SPRING, offer
from tests.factories import OrganisationPageFactory

pytestmark = pytest.mark.django_db


def seek(org, **fields):
    fields.setdefault("category", InterventionCategory.objects.get(slug="sfi"))
    return seek_record(
        organisation=org,
        title="Platser i SFI",
        period_start=fields.pop("start", SPRING[0]),
        period_end=fields.pop("end", SPRING[1]),
        **fields,
    )


def titles(seek_):
    return [page.title for page in offers_matching(seek=seek_)]


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        ("buy", {"Köp SFI", "Köp eller byt SFI"}),
        ("swap", {"Byt SFI", "Köp eller byt SFI"}),
        ("buy_or_swap", {"Köp SFI", "Byt SFI", "Köp eller byt SFI"}),
    ],
)
def test_terms_sought_match_like_the_api_filter(bank, terms, expected):
    # Never: not open (none), another category, ended, a draft, A's own.
    assert set(titles(seek(bank.botkyrka, terms=terms))) == expected


def test_without_category_every_category_matches(bank):
    assert "Språkcafé" in titles(seek(bank.botkyrka, category=None, terms="buy"))


def test_ages_programme_and_period_must_fit(bank):
    young = offer(bank.haninge, "Unga", "buy", min_age=16, max_age=20)
    later = offer(bank.haninge, "Hösten", "buy", start_date=datetime.date(2027, 8, 1))
    outside = offer(
        bank.haninge,
        "Utanför etableringen",
        "buy",
        establishment_programme="non_participants",
    )
    found = set(titles(seek(bank.botkyrka, terms="buy", min_age=25, max_age=40)))
    assert young.title not in found and later.title not in found
    # A group with people in and outside the programme needs an offer open
    # to both.
    assert outside.title not in found
    assert outside.title in titles(
        seek(bank.botkyrka, terms="buy", establishment_programme="non_participants")
    )
    in_programme = set(
        titles(seek(bank.botkyrka, terms="buy", establishment_programme="participants"))
    )
    assert outside.title not in in_programme
    assert {"Unga", "Köp SFI"} <= in_programme
    found_autumn = titles(
        seek(
            bank.botkyrka,
            terms="buy",
            start=datetime.date(2027, 9, 1),
            end=datetime.date(2027, 12, 31),
        )
    )
    assert "Hösten" in found_autumn


def test_highest_price_leaves_out_dearer_purchases_but_not_swaps(bank):
    # "Köp eller byt" costs 6000: too dear to buy, but it can be swapped.
    assert set(titles(seek(bank.botkyrka, terms="buy", max_price=5000))) == {"Köp SFI"}
    assert "Köp eller byt SFI" in titles(
        seek(bank.botkyrka, terms="buy_or_swap", max_price=5000)
    )


def test_offers_serving_the_seeker_come_first_or_only(bank):
    bank.offers["either"].service_area.set([bank.botkyrka])
    bank.offers["either"].save()  # a ParentalManyToManyField is written on save
    plain = offers_matching(seek=seek(bank.botkyrka, terms="buy"))
    assert [(o.title, o.serves_seeker) for o in plain] == [
        ("Köp eller byt SFI", True),
        ("Köp SFI", False),
    ]
    assert titles(seek(bank.botkyrka, terms="buy", only_serving=True)) == [
        "Köp eller byt SFI"
    ]


def test_places_taken_in_the_period_are_not_offered_again(bank):
    sought = seek(bank.botkyrka, terms="buy")
    agreement_record(
        intervention=bank.offers["buy"],
        taker=bank.huddinge,
        places=7,
        period_start=datetime.date(2027, 3, 1),
        period_end=datetime.date(2027, 12, 31),
    )
    match = next(o for o in offers_matching(seek=sought) if o.title == "Köp SFI")
    assert offer_places_left(match) == 3
    agreement_record(
        intervention=bank.offers["buy"],
        taker=bank.huddinge,
        places=3,
        period_start=datetime.date(2027, 1, 1),
        period_end=datetime.date(2027, 2, 28),
    )
    assert "Köp SFI" not in titles(sought)
    # After the agreements' periods the places are free again.
    autumn = seek(
        bank.botkyrka,
        terms="buy",
        start=datetime.date(2028, 1, 1),
        end=datetime.date(2028, 6, 30),
    )
    match = next(o for o in offers_matching(seek=autumn) if o.title == "Köp SFI")
    assert offer_places_left(match) == 10
    # Not stated: shown as such.
    either = next(
        o for o in offers_matching(seek=sought) if o.title.startswith("Köp eller")
    )
    assert offer_places_left(either) is None


def test_another_regions_offers_never_match(bank):
    elsewhere = OrganisationPageFactory(title="Uppsala kommun")
    offer(elsewhere, "Uppsalas SFI", "buy")
    assert "Uppsalas SFI" not in titles(seek(bank.botkyrka, terms="buy"))


def test_matching_takes_a_fixed_number_of_queries(bank, django_assert_max_num_queries):
    sought = seek(bank.botkyrka, terms="buy_or_swap")
    with django_assert_max_num_queries(3):
        matched = list(offers_matching(seek=sought))
        [offer_places_left(o) for o in matched]
        [o.category.name for o in matched]
