"""Köp, byt och sälj in a real browser, as Botkyrka's editor: publish what
the municipality seeks, open the offers that match it, record an agreement
from one (first asking for more places than are left, which is refused in
Swedish), and find it among the agreements.

Screenshots go to SAMVERKAN_SCREENSHOTS (else the test's tmp_path).
"""

import os
import re
from pathlib import Path

import pytest

pytest.importorskip("playwright")

from playwright.sync_api import expect  # noqa: E402

from cms.models import ExchangeAgreement, PlaceSeek  # noqa: E402
from tests.e2e.helpers import close_date_pickers, log_in  # noqa: E402
from tests.factories import InterventionPageFactory, publish  # noqa: E402

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # Beside the parallel part (scripts/run-tests.sh; 30 s timeouts there).
    pytest.mark.own_services,
]

SEEK = "SFI-platser för fyra deltagare"
OFFER = "SFI kurs A–D i Handen"
ENGLISH = ("Places we seek", "Matching offers", "Agreements", "Record an agreement")


@pytest.fixture
def shoot(tmp_path):
    folder = Path(os.environ.get("SAMVERKAN_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)

    def shoot(page, name):
        page.screenshot(path=str(folder / f"exchange-{name}.png"), full_page=True)
        text = page.locator("main").inner_text()
        assert not [word for word in ENGLISH if word in text], name
        assert "Server Error" not in text

    return shoot


def save(page):
    # A date picker left open (or opened late, on a loaded machine) would
    # take the click: click beside it first, as a person does.
    close_date_pickers(page, beside='[name="places"]')
    page.get_by_role("button", name="Spara", exact=True).click()


def test_editor_seeks_finds_an_offer_and_records_an_agreement(
    page, editor_a, org_a, org_b, shoot
):
    offer = publish(
        InterventionPageFactory(
            parent=org_b,
            title=OFFER,
            exchange_terms="buy",
            price_per_participant=4500,
            places_for_others=10,
        )
    )
    log_in(page, editor_a.username)

    # The menu: Köp, byt och sälj > Vi söker platser > Lägg till.
    page.get_by_role("button", name="Köp, byt och sälj").click()
    page.get_by_role("link", name="Vi söker platser").click()
    page.get_by_role("link", name=re.compile("Lägg till")).first.click()
    page.locator('select[name="organisation"]').select_option(label="Botkyrka kommun")
    page.locator('[name="title"]').fill(SEEK)
    page.locator('select[name="status"]').select_option("open")
    page.locator('select[name="category"]').select_option(label="SFI")
    page.locator('[name="places"]').fill("4")
    page.locator('[name="period_start"]').fill("2027-01-01")
    page.locator('[name="period_end"]').fill("2027-06-30")
    page.locator('select[name="terms"]').select_option("buy")
    shoot(page, "1-seek-form")
    with page.expect_navigation():
        save(page)
    expect(page.locator("main")).to_contain_text(SEEK)
    shoot(page, "2-seeks")
    seek = PlaceSeek.objects.get(title=SEEK)

    # The row's "Matchande erbjudanden".
    row = page.locator("tr", has_text=SEEK)
    row.get_by_role("button", name=re.compile("Fler alternativ|Åtgärder")).click()
    with page.expect_navigation():
        row.get_by_role("link", name="Matchande erbjudanden").click()
    main = page.locator("main")
    expect(main).to_contain_text(OFFER)
    expect(main).to_contain_text("Haninge kommun")
    shoot(page, "3-offers")

    with page.expect_navigation():
        page.locator("tr", has_text=OFFER).get_by_role(
            "link", name="Registrera överenskommelse"
        ).click()
    # Filled in from the seek and the offer; eleven places are too many.
    expect(page.locator('select[name="intervention"]')).to_have_value(str(offer.pk))
    expect(page.locator('select[name="taker"]')).to_have_value(str(org_a.pk))
    expect(page.locator('[name="places"]')).to_have_value("4")
    page.locator('[name="places"]').fill("11")
    with page.expect_navigation():
        save(page)
    expect(main).to_contain_text(
        "Bara 10 av de 10 platserna för andra organisationer är kvar"
    )
    assert not ExchangeAgreement.objects.exists()
    shoot(page, "4-too-many-places")

    page.locator('[name="places"]').fill("4")
    with page.expect_navigation():
        save(page)
    expect(main).to_contain_text(OFFER)
    expect(main).to_contain_text("Haninge kommun")
    shoot(page, "5-agreements")
    agreement = ExchangeAgreement.objects.get()
    assert (agreement.seek_id, agreement.places, agreement.created_by_id) == (
        seek.pk,
        4,
        editor_a.pk,
    )
    assert agreement.price_per_participant == 4500
