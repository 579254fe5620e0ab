"""The public template of every page type, rendered by Wagtail's serve()
with demo-like data: 200, the content people look for in Swedish, and
nothing of drafts, unapproved minutes or hostile markup."""

import json
import re

import pytest

from tests.factories import NewsPageFactory, public_content, publish


@pytest.fixture
def content(region, public_site, org_a):
    return public_content(region, org_a)


def get(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert "Hemligt utkast" not in html and "Opublicerad nyhet" not in html
    assert "<script>alert" not in html
    return html


def jsonld(html: str) -> dict:
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL
    )
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


def test_region_home(client, content):
    html = get(client, "/")
    assert '<form class="search" method="get" action="/insatser/"' in html
    assert 'name="q"' in html
    assert 'href="/insatser/?category=sfi"' in html
    assert "Yrkes-SFI startar" in html
    assert "Ledningsgruppen i januari" in html
    assert "Det inställda mötet" in html and "Inställt" in html
    assert 'href="/newsletter/subscribe/"' in html and 'href="/forslag/"' in html
    assert "Hitta en insats" in html and "Senaste nyheterna" in html


def test_intervention_page_in_plain_swedish(client, content):
    page = content["intervention"]
    html = get(client, page.url)
    for text in (
        "Vem kan delta?",
        "16–64 år",
        "Endast deltagare i etableringsprogrammet",
        "Botkyrka kommun, Haninge kommun",
        "Lärarledd undervisning.",
        "När och var?",
        "På plats",
        "Botkyrka vuxenutbildning, Tumbavägen 24, 147 30 Tumba",
        "Måndag: 08:30–12:00",
        "Varje år 1 juli–31 juli: SFI är stängt i juli",
        "Hur söker jag?",
        "Ansök via e-tjänsten.",
        "Kostnadsfritt för deltagaren",
        "Det finns 240 platser.",
        "4\xa0500 kr",
        "Arabiska",
        "Jonas Ek, Rektor SFI",
        "mailto:sfi@example.se",
        "08-465 004 01",
        "Senast granskad 24 november 2026",
    ):
        assert text in html, text
    graph = jsonld(html)
    assert graph["@type"] == "GovernmentService"
    assert graph["name"] == "SFI kurs A–D på dagtid"
    assert graph["url"].endswith(page.url)
    assert f'<link rel="canonical" href="{graph["url"]}">' in html
    assert '<meta property="og:title" content="SFI kurs A–D på dagtid">' in html
    assert 'property="og:description" content="Svenska för invandrare' in html


def test_organisation_page_lists_its_public_content(client, content):
    html = get(client, content["organisation"].url)
    assert "SFI kurs A–D på dagtid" in html
    assert "Yrkes-SFI startar" in html
    assert "Ledningsgruppen i januari" in html
    assert "Vägar till arbete" in html


def test_news_article_and_paginated_list(client, content):
    html = get(client, content["news"].url)
    assert "Brödtext om utbildningen." in html and "16 november 2026" in html
    assert jsonld(html)["@type"] == "NewsArticle"

    for number in range(10):
        publish(
            NewsPageFactory(parent=content["organisation"], title=f"Notis {number}")
        )
    first = get(client, "/nyheter/")
    assert "Sida 1 av 2" in first and 'href="?sida=2"' in first
    second = get(client, "/nyheter/?sida=2")
    assert "Yrkes-SFI startar" in second and "Notis 9" not in second


def test_meeting_page_shows_only_approved_minutes(client, content):
    html = get(client, content["held"].url)
    assert "Beslut: strategin antogs." in html and "Protokollet justerades" in html
    assert 'href="/feeds/events.ics"' in html
    assert jsonld(html)["@type"] == "Event"

    html = get(client, content["unapproved"].url)
    assert "Hemligt utkast till protokoll" not in html
    assert "Protokollet är inte justerat än." in html

    html = get(client, content["coming"].url)
    assert "Budget 2027" in html and "Dagordning" in html


def test_calendar_shows_coming_past_and_cancelled(client, content):
    html = get(client, "/moten/")
    coming, past = html.split("Tidigare möten", 1)
    assert "Ledningsgruppen i januari" in coming
    assert "Det inställda mötet" in coming and "Inställt" in coming
    # The whole time of a cancelled meeting is struck through, its end too.
    cancelled = coming.split("Det inställda mötet", 1)[1]
    struck = re.search(r'<span class="struck">(.*?)</span>', cancelled, re.DOTALL)
    assert struck and struck.group(1).count("<time") == 2
    assert "Det hållna mötet" in past and "Protokoll publicerat" in past
    assert "Hemligt utkast till protokoll" not in html
    assert 'href="/feeds/events.ics"' in html


def test_projects(client, content):
    html = get(client, "/projekt/")
    assert "Vägar till arbete" in html and "EU-fond" in html
    html = get(client, content["project"].url)
    assert "Ett ESF-projekt." in html and "2\xa0400\xa0000 kr" in html


def test_accessibility_statement(client, region, public_site):
    html = get(client, "/tillganglighet/")
    assert "Tillgänglighetsredogörelse" in html
    assert "delvis förenlig" in html
    assert 'href="https://www.digg.se/tdosanmalan"' in html


def test_forms_use_the_site_layout(client, region, public_site):
    for url, section in (
        ("/forslag/", "forslag"),
        ("/newsletter/subscribe/", "nyhetsbrev"),
    ):
        html = get(client, url)
        assert 'class="skip-link"' in html and 'class="site-footer"' in html
        # Beside the consent box: where the policy it names says more.
        assert f'href="/integritet/#{section}"' in html
        assert "<form" in html and "csrfmiddlewaretoken" in html


def test_privacy_policy_tells_the_retention_the_code_applies(
    client, region, public_site, settings
):
    settings.SAMVERKAN_PERSONAL_DATA = {"SUGGESTER_RETENTION_DAYS": 90}
    settings.SAMVERKAN_NEWSLETTER = {
        **settings.SAMVERKAN_NEWSLETTER,
        "UNCONFIRMED_RETENTION_DAYS": 1,
        "POLICY_VERSION": "2026-12",
    }
    html = get(client, "/integritet/")
    assert "<h1>Integritetspolicy</h1>" in html
    assert "raderas 90 dagar efter" in html
    assert "inte bekräftas inom 1 dag raderas" in html
    assert "Version av policyn: 2026-12." in html
    assert 'href="https://www.imy.se/"' in html
    # Every public page's footer leads here.
    assert 'href="/integritet/"' in get(client, "/tillganglighet/")


def test_unpublished_and_private_organisations_are_not_named(client, content):
    from wagtail.models import PageViewRestriction

    from tests.factories import OrganisationPageFactory

    region = content["region"]
    draft = OrganisationPageFactory(parent=region, title="Utkastkommunen")
    draft.unpublish()
    private = OrganisationPageFactory(parent=region, title="Privata kommunen")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    intervention = content["intervention"]
    intervention.provider = draft
    intervention.service_area.add(private)
    publish(intervention)
    news = content["news"]
    news.related_organisations.add(private)
    publish(news)
    project = content["project"]
    project.partners.add(draft, private)
    publish(project)

    for page in (intervention, news, project):
        html = get(client, page.url)
        assert "Utkastkommunen" not in html and "Privata kommunen" not in html
    assert "Anordnas av" in get(client, intervention.url)  # the owner instead


def test_pages_name_their_own_icon(client, region, public_site):
    """Browsers ask for /favicon.ico (a 404) unless the page names an icon."""
    from django.contrib.staticfiles import finders

    html = get(client, "/tillganglighet/")
    icon = re.search(r'<link rel="icon" href="/static/([^"]+)"', html)
    assert icon and finders.find(icon.group(1))
