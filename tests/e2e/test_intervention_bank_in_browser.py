"""The public intervention bank in a real browser, without JavaScript
help: a case worker filters to "given in Arabic, open to other
municipalities, Haninge" and lands on the right intervention; a keyboard-only
visitor (skip link, visible focus, labelled filters) finds and opens an SFI
intervention in Huddinge.

Needs Debian's Chromium at /usr/bin/chromium (see conftest.py).
"""

import re

import pytest

pytest.importorskip("playwright")

from playwright.sync_api import expect  # noqa: E402

from wagtail.models import Site  # noqa: E402

from cms.models import ExchangeTerms, InterventionCategory, Language  # noqa: E402
from tests.factories import (  # noqa: E402
    InterventionPageFactory,
    OrganisationPageFactory,
)

pytestmark = [
    pytest.mark.e2e,
    # live_server needs real commits; the flush afterwards must restore the
    # rows the data migrations created (languages, categories, site).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TARGET = "Samhällsorientering på arabiska i Handen"
SFI_HUDDINGE = "SFI kurs A–D i Flemingsberg"


@pytest.fixture
def bank(region, org_a, org_b):
    """org_a is Botkyrka, org_b Haninge. One intervention answers the case
    worker's three filters; each other one misses exactly one of them."""
    Site.objects.filter(is_default_site=True).update(root_page=region)
    huddinge = OrganisationPageFactory(
        parent=region, title="Huddinge kommun", slug="huddinge"
    )
    arabic, swedish = Language.objects.get(code="ar"), Language.objects.get(code="sv")
    civic = InterventionCategory.objects.get(slug="samhallsorientering")
    pages = [
        (TARGET, org_b, [org_b], ExchangeTerms.SWAP, [arabic], civic),
        (
            "Föräldrastöd på arabiska",
            org_b,
            [org_b],
            ExchangeTerms.NONE,
            [arabic],
            civic,
        ),
        ("Jobbspår vård", org_b, [org_b], ExchangeTerms.SWAP, [swedish], civic),
        (
            "Samhällsorientering i Tumba",
            org_a,
            [org_a],
            ExchangeTerms.SWAP,
            [arabic],
            civic,
        ),
        (SFI_HUDDINGE, huddinge, [huddinge], ExchangeTerms.NONE, [swedish], None),
        ("SFI i Tumba", org_a, [org_a], ExchangeTerms.NONE, [swedish], None),
    ]
    for title, parent, served, terms, languages, category in pages:
        extra = {"category": category} if category else {}
        page = InterventionPageFactory(
            parent=parent,
            title=title,
            exchange_terms=terms,
            service_area=served,
            **extra,
        )
        page.languages.set(languages)
        page.save()  # a ParentalManyToManyField is written on save
    return region


def test_case_worker_filters_to_arabic_open_haninge(page, bank):
    page.goto("/insatser/")
    expect(page.locator(".result-count")).to_have_text("6 insatser")
    page.get_by_role("group", name="Kommun").get_by_label("Haninge kommun").check()
    page.get_by_role("group", name="Ges på språket").get_by_label("Arabiska").check()
    page.get_by_role("group", name="Andra kommuner").get_by_label(
        "Öppen för andra kommuner"
    ).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Visa resultat").last.click()

    # A URL to share, the filters shown and removable, one result.
    query = page.url.split("?", 1)[1]
    for part in ("municipality=haninge", "language=ar", "exchange=open"):
        assert part in query
    expect(page.locator(".result-count")).to_have_text("1 insats")
    expect(page.locator(".active-filters .tag")).to_have_count(3)
    results = page.locator(".results h3 a")
    expect(results).to_have_text([TARGET])

    results.first.click()
    expect(page.locator("h1")).to_have_text(TARGET)
    expect(page).to_have_url(re.compile(r"/haninge/"))

    # Back on the list, removing one filter widens it again.
    page.go_back()
    page.locator(".active-filters .tag", has_text="Öppen för andra kommuner").click()
    expect(page.locator(".result-count")).to_have_text("2 insatser")


def _focused(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            return {
                tag: el.tagName.toLowerCase(),
                type: el.type || "",
                id: el.id,
                text: (el.innerText || "").trim(),
                label: el.labels && el.labels.length ? el.labels[0].innerText.trim() : "",
                legend: el.closest("fieldset")?.querySelector("legend")?.innerText.trim() || "",
                outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
                shadow: style.boxShadow !== "none",
                visible: box.width > 0 && box.height > 0 && box.bottom > 0
                    && box.top < window.innerHeight,
            };
        }"""
    )


def _tab_to(page, matches, limit=80) -> dict:
    """Press Tab until the focused element matches; every stop on the way
    must show where the focus is."""
    for _n in range(limit):
        page.keyboard.press("Tab")
        focused = _focused(page)
        assert focused["visible"], focused
        assert focused["outline"] or focused["shadow"], f"focus not visible: {focused}"
        if matches(focused):
            return focused
    raise AssertionError("never reached the element by Tab")


def test_keyboard_only_finds_sfi_in_huddinge(page, bank):
    page.goto("/insatser/")

    # The first Tab lands on the skip link, shown when focused.
    page.keyboard.press("Tab")
    skip = _focused(page)
    assert skip["text"] == "Gå direkt till innehållet" and skip["visible"], skip
    page.keyboard.press("Enter")
    assert _focused(page)["id"] == "main"

    # The search box is the first stop in the content, labelled.
    search = _tab_to(page, lambda f: f["tag"] == "input")
    assert (search["type"], search["label"]) == ("search", "Sök insats")

    # Labelled checkboxes in named groups.
    municipality = _tab_to(page, lambda f: f["label"] == "Huddinge kommun")
    assert municipality["legend"] == "Kommun"
    page.keyboard.press("Space")
    category = _tab_to(page, lambda f: f["label"] == "SFI")
    assert category["legend"] == "Kategori"
    page.keyboard.press("Space")
    _tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "Visa resultat")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.locator(".result-count")).to_have_text("1 insats")
    _tab_to(page, lambda f: f["tag"] == "a" and f["text"] == SFI_HUDDINGE, limit=120)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(SFI_HUDDINGE)
