"""The intervention bank on the public site (/insatser/): search, filters,
counts, pagination, what is never listed, and a number of queries that does
not grow with the results."""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction, Site

from cms.models import (
    DeliveryMode,
    EstablishmentProgramme,
    ExchangeTerms,
    InterventionCategory,
    InterventionStatus,
    Language,
)
from tests.factories import InterventionPageFactory, OrganisationPageFactory

URL = "/insatser/"


@pytest.fixture
def site_region(region):
    """The region as the root of the default Site (the public site)."""
    Site.objects.filter(is_default_site=True).update(root_page=region)
    return region


@pytest.fixture
def huddinge(site_region):
    return OrganisationPageFactory(
        parent=site_region, title="Huddinge kommun", slug="huddinge"
    )


def titles(response) -> list[str]:
    assert response.status_code == 200
    html = response.content.decode()
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', html)


def count_heading(response) -> str:
    match = re.search(r'class="result-count">([^<]+)<', response.content.decode())
    return match[1].strip()


@pytest.fixture
def bank(site_region, org_a, org_b, huddinge):
    """Five interventions of three municipalities (org_a Botkyrka, org_b
    Haninge), each standing out by one filter."""
    arabic, somali = Language.objects.get(code="ar"), Language.objects.get(code="so")
    work = InterventionCategory.objects.create(name="Arbete", slug="arbete-test")
    entries = {
        "SO arabiska Haninge": InterventionPageFactory(
            parent=org_b,
            title="SO arabiska Haninge",
            summary="Samhällsorientering på arabiska.",
            exchange_terms=ExchangeTerms.SWAP,
            service_area=[org_b],
        ),
        "SFI Huddinge": InterventionPageFactory(
            parent=huddinge,
            title="SFI Huddinge",
            summary="Svenska för invandrare i Flemingsberg.",
            service_area=[huddinge],
            delivery_mode=DeliveryMode.REMOTE,
        ),
        "Praktik Botkyrka": InterventionPageFactory(
            parent=org_a,
            title="Praktik Botkyrka",
            summary="Arbetsträning för vuxna.",
            category=work,
            min_age=20,
            max_age=64,
            establishment_programme=EstablishmentProgramme.PARTICIPANTS,
            exchange_terms=ExchangeTerms.BUY,
            price_per_participant=1000,
            service_area=[org_a, org_b],
        ),
        "Läxhjälp Haninge": InterventionPageFactory(
            parent=org_b,
            title="Läxhjälp Haninge",
            summary="Läxhjälp för barn.",
            max_age=15,
            establishment_programme=EstablishmentProgramme.NON_PARTICIPANTS,
            service_area=[org_b],
        ),
        "Hälsa på somaliska": InterventionPageFactory(
            parent=org_a,
            title="Hälsa på somaliska",
            summary="Hälsokommunikatörer.",
            service_area=[org_a, huddinge],
        ),
    }
    entries["SO arabiska Haninge"].languages.set([arabic])
    entries["Praktik Botkyrka"].languages.set([arabic, somali])
    entries["Hälsa på somaliska"].languages.set([somali])
    for page in entries.values():
        page.save_revision().publish()
    return entries


ALL = [
    "Hälsa på somaliska",
    "Läxhjälp Haninge",
    "Praktik Botkyrka",
    "SFI Huddinge",
    "SO arabiska Haninge",
]


# (query string, titles listed), checked against one bank built once.
FILTER_CASES = [
    ("", ALL),
    ("q=flemingsberg", ["SFI Huddinge"]),
    ("q=SAMHÄLLSORIENTERING arabiska", ["SO arabiska Haninge"]),
    ("q=arbete", ["Praktik Botkyrka"]),  # the category's name
    ("q=ingenting+alls", []),
    # A language's name, a served municipality's name.
    ("q=somaliska", ["Hälsa på somaliska", "Praktik Botkyrka"]),
    ("q=HUDDINGE", ["Hälsa på somaliska", "SFI Huddinge"]),
    (
        "municipality=haninge",
        ["Läxhjälp Haninge", "Praktik Botkyrka", "SO arabiska Haninge"],
    ),
    (
        "municipality=huddinge&municipality=botkyrka",
        ["Hälsa på somaliska", "Praktik Botkyrka", "SFI Huddinge"],
    ),
    ("category=arbete-test", ["Praktik Botkyrka"]),
    ("language=so", ["Hälsa på somaliska", "Praktik Botkyrka"]),
    (
        "age=10",
        [
            "Hälsa på somaliska",
            "Läxhjälp Haninge",
            "SFI Huddinge",
            "SO arabiska Haninge",
        ],
    ),
    (
        "age=40",
        [
            "Hälsa på somaliska",
            "Praktik Botkyrka",
            "SFI Huddinge",
            "SO arabiska Haninge",
        ],
    ),
    (
        "programme=in",
        [
            "Hälsa på somaliska",
            "Praktik Botkyrka",
            "SFI Huddinge",
            "SO arabiska Haninge",
        ],
    ),
    (
        "programme=out",
        [
            "Hälsa på somaliska",
            "Läxhjälp Haninge",
            "SFI Huddinge",
            "SO arabiska Haninge",
        ],
    ),
    ("mode=remote", ["SFI Huddinge"]),
    ("exchange=open", ["Praktik Botkyrka", "SO arabiska Haninge"]),
    ("exchange=buy", ["Praktik Botkyrka"]),
    ("exchange=swap", ["SO arabiska Haninge"]),
    # The case worker's question: given in Arabic, open to other
    # municipalities, serving Haninge.
    (
        "language=ar&exchange=open&municipality=haninge",
        ["Praktik Botkyrka", "SO arabiska Haninge"],
    ),
    ("language=ar&exchange=swap&municipality=haninge", ["SO arabiska Haninge"]),
    # Values no longer offered (an old shared link) filter nothing.
    ("category=gone&age=500&programme=maybe", ALL),
    ("municipality=gone&municipality=huddinge", ["Hälsa på somaliska", "SFI Huddinge"]),
]


def test_filters(client, bank):
    for query, expected in FILTER_CASES:
        assert titles(client.get(f"{URL}?{query}")) == expected, query


def test_count_in_swedish_and_no_results_message(client, bank):
    assert count_heading(client.get(URL)) == "5 insatser"
    assert count_heading(client.get(f"{URL}?mode=remote")) == "1 insats"
    response = client.get(f"{URL}?q=ingenting")
    assert count_heading(response) == "0 insatser"
    assert "Ingen insats matchar din sökning." in response.content.decode()


def test_result_shows_provider_municipalities_languages_and_review(client, bank):
    html = client.get(f"{URL}?exchange=buy").content.decode()
    page = bank["Praktik Botkyrka"]
    assert f'href="{page.url}"' in html
    assert "Anordnas av Botkyrka kommun" in html
    assert "Botkyrka kommun, Haninge kommun" in html
    assert "Arabiska, Somaliska" in html
    assert "Senast granskad" in html and "Inte granskad än" in html


def test_active_filters_are_shown_and_each_removes_itself(client, bank):
    html = client.get(
        f"{URL}?language=ar&exchange=open&municipality=haninge&q=arabiska"
    ).content.decode()
    links = {
        label.strip(): href.replace("&amp;", "&")
        for href, label in re.findall(
            r'<a class="tag removable" href="\?([^"]*)">([^<]+)<', html
        )
    }
    assert links == {
        "Arabiska": "exchange=open&municipality=haninge&q=arabiska",
        "Öppen för andra kommuner": "language=ar&municipality=haninge&q=arabiska",
        "Haninge kommun": "language=ar&exchange=open&q=arabiska",
        "”arabiska”": "language=ar&exchange=open&municipality=haninge",
    }
    # The form shows what is chosen, so a shared link opens the same list.
    assert re.search(r'value="haninge" id="[^"]+" checked', html)
    assert 'name="q" id="id_q" value="arabiska"' in html


def test_labelled_controls_in_fieldsets(client, bank):
    html = client.get(URL).content.decode()
    for legend in (
        "Kommun",
        "Kategori",
        "Ges på språket",
        "Genomförande",
        "Andra kommuner",
        "Etableringsprogrammet",
    ):
        assert f"<legend>{legend}</legend>" in html
    ids = re.findall(r'<input [^>]*id="([^"]+)"', html)
    assert ids
    for input_id in ids:
        assert f'<label for="{input_id}"' in html, input_id


def test_pagination_keeps_the_filters(client, site_region, org_a):
    for n in range(23):
        InterventionPageFactory(
            parent=org_a, title=f"Kurs {n:02d}", service_area=[org_a]
        )
    first = client.get(f"{URL}?municipality=botkyrka")
    assert count_heading(first) == "23 insatser"
    assert len(titles(first)) == 20
    html = first.content.decode()
    assert "Sida 1 av 2" in html
    assert 'href="?municipality=botkyrka&amp;sida=2" rel="next"' in html
    second = client.get(f"{URL}?municipality=botkyrka&sida=2")
    assert titles(second) == ["Kurs 20", "Kurs 21", "Kurs 22"]
    assert (
        'href="?municipality=botkyrka&amp;sida=1" rel="prev"' in second.content.decode()
    )
    # A page number out of range shows the last page, not an error.
    assert titles(client.get(f"{URL}?municipality=botkyrka&sida=99")) == titles(second)


def test_drafts_private_ended_and_other_regions_never_listed(
    client, site_region, org_a
):
    InterventionPageFactory(parent=org_a, title="Publicerad")
    draft = InterventionPageFactory(parent=org_a, title="Utkast", live=False)
    changed = InterventionPageFactory(parent=org_a, title="Publicerad titel")
    changed.title = "Ändrad i utkast"
    changed.save_revision()  # a draft of a live page: the live title shows
    private = InterventionPageFactory(parent=org_a, title="Privat")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    hidden_org = OrganisationPageFactory(parent=site_region, title="Dold kommun")
    InterventionPageFactory(parent=hidden_org, title="Under dold organisation")
    PageViewRestriction.objects.create(
        page=hidden_org, restriction_type="password", password="x"
    )
    InterventionPageFactory(
        parent=org_a, title="Avslutad", status=InterventionStatus.ENDED
    )
    InterventionPageFactory(title="Annan region")  # its own region and organisation
    assert not draft.live

    html = client.get(URL).content.decode()
    assert titles(client.get(URL)) == ["Publicerad", "Publicerad titel"]
    assert "Dold kommun" not in html  # not offered as a filter either
    assert count_heading(client.get(f"{URL}?q=utkast")) == "0 insatser"


def test_number_of_queries_does_not_grow_with_results(
    client, site_region, org_a, org_b
):
    arabic = Language.objects.get(code="ar")

    def queries_for_listing():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    for _n in range(2):
        page = InterventionPageFactory(parent=org_a, service_area=[org_a, org_b])
        page.languages.set([arabic])
        page.save()  # a ParentalManyToManyField is written on save
    queries_for_listing()  # warms per-process memos (cms.content.front_ends)
    few = queries_for_listing()
    for n in range(12):
        page = InterventionPageFactory(
            parent=org_b if n % 2 else org_a, service_area=[org_a, org_b]
        )
        page.languages.set([arabic])
        page.save()
    html = client.get(URL).content.decode()
    assert count_heading(client.get(URL)) == "14 insatser"
    assert html.count("Arabiska</dd>") == 14
    assert queries_for_listing() == few


def test_demo_data_answers_the_browser_tests_questions():
    """The demo bank (demo) has what tests/e2e asks of a real bank: an
    intervention given in Arabic, open to other municipalities and serving
    Haninge, and an SFI intervention in Huddinge."""
    from demo.interventions import INTERVENTIONS

    arabic_open_haninge = [
        entry["title"]
        for entry in INTERVENTIONS
        if "ar" in entry.get("languages", [])
        and entry.get("exchange_terms", ExchangeTerms.NONE) != ExchangeTerms.NONE
        and "haninge" in entry.get("service_area", [])
    ]
    assert "Samhällsorientering på dari och arabiska" in arabic_open_haninge
    sfi_huddinge = [
        entry["title"]
        for entry in INTERVENTIONS
        if entry["category"] == "sfi" and "huddinge" in entry.get("service_area", [])
    ]
    assert "SFI kurs A–D i Flemingsberg" in sfi_huddinge
