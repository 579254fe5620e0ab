"""schema.org JSON-LD on detail responses: GovernmentService, NewsArticle,
Event and GovernmentOrganization, by `?format=jsonld` or by Accept, cached
apart from the JSON of the same URL."""

import datetime
import json

import pytest

from django.urls import reverse

from cms.models import (
    InterventionLocation,
    InterventionOpeningTime,
    Language,
    MeetingStatus,
)
from tests.factories import (
    InterventionPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    publish,
)


def jsonld(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/ld+json")
    return json.loads(response.content)


@pytest.fixture
def intervention(org_a, org_b):
    page = InterventionPageFactory(
        parent=org_a, title="SFI Tumba", summary="Svenska för invandrare.", min_age=18
    )
    page.languages.set(Language.objects.filter(code__in=["ar", "sv"]))
    page.service_area.set([org_a, org_b])
    page.locations = [
        InterventionLocation(
            street_address="Storgatan 1", postal_code="14730", city="Tumba"
        )
    ]
    page.opening_times = [
        InterventionOpeningTime(
            weekday=1, opens=datetime.time(9), closes=datetime.time(12)
        )
    ]
    return publish(page)


def test_intervention_is_a_government_service(client, intervention):
    url = reverse("api-v1:intervention-detail", args=[intervention.uuid])

    doc = jsonld(client, f"{url}?format=jsonld")

    assert doc["@context"] == "https://schema.org"
    assert doc["@type"] == "GovernmentService"
    assert doc["identifier"] == str(intervention.uuid)
    assert doc["name"] == "SFI Tumba"
    assert doc["description"] == "Svenska för invandrare."
    assert doc["provider"]["@type"] == "GovernmentOrganization"
    assert {area["name"] for area in doc["areaServed"]} == {
        "Botkyrka kommun",
        "Haninge kommun",
    }
    assert {lang["alternateName"] for lang in doc["availableLanguage"]} == {"ar", "sv"}
    assert doc["audience"]["suggestedMinAge"] == 18
    address = doc["availableChannel"][0]["serviceLocation"]["address"]
    assert address == {
        "@type": "PostalAddress",
        "streetAddress": "Storgatan 1",
        "postalCode": "14730",
        "addressLocality": "Tumba",
        "addressCountry": "SE",
    }
    assert doc["hoursAvailable"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Monday",
            "opens": "09:00:00",
            "closes": "12:00:00",
        }
    ]
    assert doc["@id"].startswith("http://testserver/api/v1/interventions/")


def test_accept_header_negotiates_and_is_cached_apart(client, intervention):
    url = reverse("api-v1:intervention-detail", args=[intervention.uuid])

    as_json = client.get(url)
    as_ld = jsonld(client, url, HTTP_ACCEPT="application/ld+json")
    again_json = client.get(url)

    assert as_json.json()["title"] == "SFI Tumba" and "@type" not in as_json.json()
    assert as_ld["@type"] == "GovernmentService"
    assert again_json["Content-Type"] == "application/json"
    assert as_json["ETag"] != client.get(url, HTTP_ACCEPT="application/ld+json")["ETag"]
    assert "Accept" in as_json["Vary"]


def test_news_article_and_event(client, org_a):
    news = publish(
        NewsPageFactory(parent=org_a, title="Ny SFI-start", lead="Start i mars.")
    )
    meeting = publish(
        MeetingPageFactory(
            parent=org_a,
            title="Styrgrupp",
            online_url="https://meet.example.se/s",
            status=MeetingStatus.CANCELLED,
        )
    )

    article = jsonld(
        client,
        reverse("api-v1:news-detail", args=[news.translation_key]) + "?format=jsonld",
    )
    event = jsonld(
        client,
        reverse("api-v1:event-detail", args=[meeting.translation_key])
        + "?format=jsonld",
    )
    organisation = jsonld(
        client,
        reverse("api-v1:organisation-detail", args=[org_a.translation_key])
        + "?format=jsonld",
    )

    assert (article["@type"], article["headline"], article["description"]) == (
        "NewsArticle",
        "Ny SFI-start",
        "Start i mars.",
    )
    assert article["publisher"]["name"] == "Botkyrka kommun"
    assert event["@type"] == "Event" and event["name"] == "Styrgrupp"
    assert event["eventStatus"] == "https://schema.org/EventCancelled"
    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert event["startDate"].endswith("+01:00")  # Stockholm winter time
    assert {place["@type"] for place in event["location"]} == {
        "Place",
        "VirtualLocation",
    }
    assert organisation["@type"] == "GovernmentOrganization"
    assert organisation["name"] == "Botkyrka kommun"


def test_lists_do_not_offer_jsonld(client, intervention):
    response = client.get(reverse("api-v1:intervention-list") + "?format=jsonld")
    assert response.status_code == 404


def test_drafts_have_no_jsonld_either(client, org_a):
    draft = InterventionPageFactory(parent=org_a, title="Utkast", live=False)
    url = reverse("api-v1:intervention-detail", args=[draft.uuid])
    assert client.get(f"{url}?format=jsonld").status_code == 404
