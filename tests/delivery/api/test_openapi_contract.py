"""The OpenAPI schema at /api/v1/schema/ is a valid OpenAPI 3 document and
every response the API gives (lists, details, JSON-LD, the changes feed,
errors) matches what it says, checked by openapi-core."""

import datetime
import json
import re
from urllib.parse import urlsplit
from xml.etree import ElementTree

import icalendar
import pytest
from openapi_core import Config, OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

from django.urls import reverse

from cms.content.front_ends import preview_token
from cms.models import (
    InterventionClosure,
    InterventionLocation,
    InterventionOpeningTime,
    Language,
    MeetingStatus,
)
from delivery.hsds.ids import TAXONOMY_ID, taxonomy_term_id
from tests.factories import (
    CollaborationGroupFactory,
    GroupMembershipFactory,
    InterventionPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    PersonFactory,
    publish,
)


class OpenAPIRequest(DjangoOpenAPIRequest):
    """Matched by its path against the document's paths: Django's route of
    an HSDS path is a regular expression (the trailing slash optional) that
    openapi-core cannot read."""

    path_pattern = None


def _text(value) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _well_formed_xml(value, **params) -> str:
    """A feed is described as text of its media type; it must parse too."""
    ElementTree.fromstring(value)
    return _text(value)


def _well_formed_calendar(value, **params) -> str:
    icalendar.Calendar.from_ical(value)
    return _text(value)


@pytest.fixture
def openapi(client, db):
    response = client.get(reverse("api-v1:schema"), {"format": "json"})
    assert response.status_code == 200
    # from_dict validates the document against the OpenAPI 3 meta-schema.
    return OpenAPI.from_dict(
        response.json(),
        config=Config(
            extra_media_type_deserializers={
                "application/ld+json": json.loads,
                # Feeds are described as text of their media type.
                "application/rss+xml": _well_formed_xml,
                "application/atom+xml": _well_formed_xml,
                "text/calendar": _well_formed_calendar,
            }
        ),
    )


@pytest.fixture
def content(org_a, org_b):
    person = PersonFactory(organisation=org_a, name="Amina Yusuf")
    full = InterventionPageFactory(
        parent=org_a,
        title="SFI Tumba",
        summary="Svenska för invandrare.",
        min_age=18,
        max_age=64,
        contact_person=person,
        provider=org_b,
        start_date=datetime.date(2026, 1, 1),
    )
    full.languages.set(Language.objects.filter(code__in=["ar", "sv"]))
    full.service_area.set([org_a, org_b])
    full.locations = [
        InterventionLocation(
            name="Tumba bibliotek",
            street_address="Storgatan 1",
            postal_code="14730",
            city="Tumba",
            latitude=59.2,
            longitude=17.83,
        )
    ]
    full.opening_times = [
        InterventionOpeningTime(
            weekday=1, opens=datetime.time(9), closes=datetime.time(12)
        )
    ]
    full.closures = [
        InterventionClosure(
            start_date=datetime.date(2026, 7, 1),
            end_date=datetime.date(2026, 7, 31),
            reason="Sommar",
        )
    ]
    publish(full)
    sparse = publish(InterventionPageFactory(parent=org_b, title="Språkcafé"))
    news = publish(NewsPageFactory(parent=org_a, title="Nyhet", lead="Ingress."))
    meeting = publish(
        MeetingPageFactory(
            parent=org_a,
            title="Styrgrupp",
            status=MeetingStatus.CANCELLED,
            online_url="https://meet.example.se/s",
        )
    )
    group = CollaborationGroupFactory(region=org_a.get_parent().specific, slug="styr")
    GroupMembershipFactory(group=group, person=person)
    GroupMembershipFactory(
        group=group,
        person=PersonFactory(organisation=org_b, is_public=True, phone="08-1"),
        since=datetime.date(2026, 1, 1),
    )
    return {
        "full": full,
        "sparse": sparse,
        "news": news,
        "meeting": meeting,
        "group": group,
        "person": person,
    }


def _urls(content, org_a):
    return [
        reverse("api-v1:intervention-list"),
        reverse("api-v1:intervention-list") + "?q=SFI&min_age=10&page_size=1",
        reverse("api-v1:intervention-detail", args=[content["full"].uuid]),
        reverse("api-v1:intervention-detail", args=[content["sparse"].slug]),
        reverse("api-v1:intervention-detail", args=[content["full"].uuid])
        + "?format=jsonld",
        reverse("api-v1:organisation-list"),
        reverse("api-v1:organisation-detail", args=[org_a.translation_key]),
        reverse("api-v1:news-list"),
        reverse("api-v1:news-detail", args=[content["news"].translation_key]),
        reverse("api-v1:event-list"),
        reverse("api-v1:event-detail", args=[content["meeting"].translation_key]),
        reverse("api-v1:group-list"),
        reverse("api-v1:group-list") + "?kind=working&region=sodertorn",
        reverse("api-v1:group-detail", args=[content["group"].uuid]),
        reverse("api-v1:person-list"),
        reverse("api-v1:person-list") + "?group=styr&organisation=botkyrka",
        reverse("api-v1:person-detail", args=[content["person"].uuid]),
        reverse("api-v1:changes"),
        reverse("api-v1:changes") + "?limit=1",
        "/api/hsds/",
        "/api/hsds/services?per_page=1&search=SFI",
        f"/api/hsds/services/{content['full'].uuid}",
        "/api/hsds/organizations",
        f"/api/hsds/organizations/{org_a.translation_key}",
        "/api/hsds/taxonomies",
        f"/api/hsds/taxonomies/{TAXONOMY_ID}",
        "/api/hsds/taxonomy_terms",
        "/api/hsds/taxonomy_terms/" + taxonomy_term_id(content["full"].category),
        reverse("api-v1:preview") + "?token=" + preview_token(content["full"]),
        "/feeds/news.rss",
        "/feeds/news.atom",
        "/feeds/events.ics",
        "/feeds/events.ics?group=styr",
    ]


def test_every_documented_path_is_checked(client, content, org_a):
    document = client.get(reverse("api-v1:schema"), {"format": "json"}).json()
    checked = {urlsplit(url).path for url in _urls(content, org_a)}
    for template in document["paths"]:
        pattern = re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(template))
        assert any(re.fullmatch(pattern, path) for path in checked), template


def test_every_response_matches_the_schema(client, openapi, content, org_a):
    for url in _urls(content, org_a):
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        # Raises with the mismatching field when the response differs.
        openapi.validate_response(
            OpenAPIRequest(response.wsgi_request),
            DjangoOpenAPIResponse(response),
        )


def test_next_pages_match_the_schema_too(client, openapi, content):
    url = reverse("api-v1:intervention-list") + "?page_size=1"
    seen = 0
    while url:
        response = client.get(url)
        openapi.validate_response(
            OpenAPIRequest(response.wsgi_request),
            DjangoOpenAPIResponse(response),
        )
        seen += len(response.json()["results"])
        url = response.json()["next"]
    assert seen == 2


def test_a_field_the_schema_does_not_know_would_be_caught(client, openapi, content):
    """The check is real: a response with a wrong type fails validation."""
    from openapi_core.validation.response.exceptions import InvalidData

    response = client.get(
        reverse("api-v1:intervention-detail", args=[content["full"].uuid])
    )
    response.content = response.content.replace(b'"min_age":18', b'"min_age":"arton"')
    assert b'"arton"' in response.content
    with pytest.raises(InvalidData):
        openapi.validate_response(
            OpenAPIRequest(response.wsgi_request),
            DjangoOpenAPIResponse(response),
        )
