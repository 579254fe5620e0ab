"""Stored XSS in every HTML output, parsed with html5lib as a browser
parses it: a corpus goes into every rich-text and text field (and hostile
addresses into the link fields that end in an href), straight into the
database as a script or a data migration would, and nothing executable
comes out of the public site's pages, listings and search, the delivery API's rich text and
links, Wagtail's /api/v2/, JSON-LD, HSDS or the calendar feed."""

import datetime
import re
from pathlib import Path

import pytest

from django.conf import settings
from django.urls import reverse

from cms.models import (
    InterventionCategory,
    MeetingPage,
    MeetingStatus,
    OrganisationPage,
)
from tests.factories import (
    CollaborationGroupFactory,
    GroupMembershipFactory,
    InterventionPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    PersonFactory,
    publish,
    stockholm,
)
from tests.hostile_html import (
    CORPUS,
    EVIL,
    HOSTILE_LINKS,
    browser_executable_parts,
    link_is_safe,
)


def test_the_browser_inspector_finds_what_it_looks_for():
    assert len(browser_executable_parts(EVIL)) >= 9
    for link in HOSTILE_LINKS:
        assert not link_is_safe(link), link
        assert browser_executable_parts(f'<a href="{link}">x</a>'), link
    for link in ("https://a.se/", "mailto:a@b.se", "/grupper/", "#x", "tel:08"):
        assert link_is_safe(link), link


@pytest.mark.parametrize("link", HOSTILE_LINKS)
def test_link_fields_keep_only_http_and_mailto(link):
    from cms.content.html import link_url

    assert link_url(link) == ""
    assert link_url("https://möte.example/rum?id=1") == "https://möte.example/rum?id=1"
    assert link_url("mailto:info@kommun.se") == "mailto:info@kommun.se"


@pytest.fixture
def hostile(region, org_a, public_site):
    link = "java\tscript:alert(13)"
    # Straight into the database: a form would refuse these.
    OrganisationPage.objects.filter(pk=org_a.pk).update(
        website=" JaVaScRiPt:alert(12)", description=EVIL
    )
    group = CollaborationGroupFactory(
        region=region, name=EVIL[:200], slug="grupp", description=EVIL
    )
    GroupMembershipFactory(
        group=group,
        person=PersonFactory(organisation=org_a, name=CORPUS[1], title=CORPUS[0]),
    )
    # A category's names are plain text, in every language.
    category = InterventionCategory.objects.create(
        name=EVIL[:100],
        slug="kategori",
        translations={"en": {"name": EVIL[:100], "description": EVIL}},
    )
    intervention = publish(
        InterventionPageFactory(
            parent=org_a,
            title=CORPUS[0],
            summary=EVIL,
            description=EVIL,
            category=category,
        )
    )
    news = publish(
        NewsPageFactory(parent=org_a, title=CORPUS[0], lead=EVIL, body=[("text", EVIL)])
    )
    meetings = [
        publish(
            MeetingPageFactory(
                parent=org_a,
                group=group,
                title=CORPUS[2],
                place=CORPUS[4],
                agenda=EVIL,
                minutes_text=EVIL,
                minutes_approved_on=approved,
                status=status,
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(hours=2),
            )
        )
        for status, starts_at, approved in (
            (
                MeetingStatus.HELD,
                stockholm(2026, 1, 15, 13, 30),
                datetime.date(2026, 2, 1),
            ),
            (MeetingStatus.PLANNED, stockholm(2031, 1, 15, 13, 30), None),
        )
    ]
    MeetingPage.objects.filter(pk__in=[m.pk for m in meetings]).update(online_url=link)
    return {
        "group": group,
        "intervention": intervention,
        "news": news,
        "meeting": meetings[1],
        "link": link,
    }


def test_group_page(client, hostile):
    response = client.get(reverse("web:group_detail", args=("grupp",)))
    html = response.content.decode()
    assert response.status_code == 200
    assert browser_executable_parts(html, document=True) == []
    assert html.count("Bra innehåll.") >= 2  # agenda and minutes, cleaned


def test_public_pages_and_listings(client, hostile):
    """The public site's pages of every seeded type, its listings and its
    search: nothing a browser would run."""
    intervention = hostile["intervention"]
    urls = [
        "/",
        intervention.get_parent().url,
        intervention.url,
        hostile["news"].url,
        hostile["meeting"].url,
        reverse("web:interventions"),
        reverse("web:interventions") + "?q=script",
        reverse("web:news"),
        reverse("web:meetings"),
        reverse("web:groups"),
    ]
    # The site's own search forms (GET to the bank) are no injected form.
    bank = re.escape(reverse("web:interventions"))
    own_form = re.compile(
        rf'<form (?:class="\w+" )?method="get" action="{bank}"[^>]*>.*?</form>',
        re.DOTALL,
    )
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html, own_forms = own_form.subn("", response.content.decode())
        assert own_forms <= 1, url
        assert browser_executable_parts(html, document=True) == [], url
    # The corpus did reach the pages (cleaned), not only the database.
    for page in (intervention, hostile["news"], hostile["meeting"]):
        assert "Bra innehåll." in client.get(page.url).content.decode(), page.url


def test_delivery_api_rich_text_and_links(client, hostile):
    def get(name, key):
        return client.get(reverse(f"api-v1:{name}-detail", args=[key])).json()

    intervention = get("intervention", hostile["intervention"].uuid)
    news = get("news", hostile["news"].translation_key)
    event = get("event", hostile["meeting"].translation_key)
    organisation = intervention["organisation"] and get(
        "organisation", intervention["organisation"]["id"]
    )
    for html in (
        intervention["description"],
        news["body"][0]["value"],
        event["agenda"],
    ):
        assert browser_executable_parts(html) == []
    assert event["online_url"] == ""
    assert organisation["website"] == ""


def test_jsonld_hsds_and_calendar_links(client, hostile):
    def jsonld(name, key):
        url = reverse(f"api-v1:{name}-detail", args=[key])
        return client.get(f"{url}?format=jsonld").json()

    documents = [
        jsonld("event", hostile["meeting"].translation_key),
        jsonld("organisation", hostile["intervention"].get_parent().translation_key),
        client.get("/api/hsds/organizations/").json(),
    ]
    links = list(_link_values(documents))
    assert links  # the check is real: the documents carry links
    assert [link for link in links if not link_is_safe(link)] == []
    from icalendar import Calendar

    calendar = Calendar.from_ical(client.get("/feeds/events.ics").content)
    urls = [str(event["url"]) for event in calendar.walk("VEVENT")]
    assert urls and all(link_is_safe(url) for url in urls)


LINK_KEYS = {"url", "@id", "website", "sameAs", "href", "online_url"}


def _link_values(data):
    """Every string under a key that holds an address (JSON-LD, HSDS)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in LINK_KEYS and isinstance(value, str):
                yield value
            else:
                yield from _link_values(value)
    elif isinstance(data, list):
        for item in data:
            yield from _link_values(item)


def test_wagtail_api_v2_rich_text(client, hostile):
    from wagtail.fields import RichTextField

    body = client.get(
        "/api/v2/pages/?type=samverkan_cms.InterventionPage&fields=*"
    ).json()
    (item,) = body["items"]
    rich = [
        field.name
        for field in type(hostile["intervention"])._meta.get_fields()
        if isinstance(field, RichTextField) and field.name in item
    ]
    assert rich == ["description"]
    for name in rich:
        assert browser_executable_parts(item[name]) == [], name
        assert "Bra innehåll." in item[name]
    # Asking for the stored format gives the cleaned HTML all the same.
    raw = client.get(
        "/api/v2/pages/?type=samverkan_cms.InterventionPage"
        "&fields=description&rich_text_format=db_html"
    ).json()["items"][0]["description"]
    assert browser_executable_parts(raw) == []


def test_no_template_renders_stored_rich_text_unfiltered():
    """Every template (public site included) renders rich text through
    `|clean_rich_text`: Wagtail's `|richtext` passes stored HTML through."""
    root = Path(settings.BASE_DIR)
    offenders = [
        str(path.relative_to(root))
        for path in root.glob("*/templates/**/*.html")
        if "|richtext" in path.read_text().replace(" ", "")
    ]
    assert offenders == []
