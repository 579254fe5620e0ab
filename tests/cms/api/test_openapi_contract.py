"""The OpenAPI schema at /api/v1/schema/ is a valid OpenAPI 3 document and
every response the API gives (lists, details, JSON-LD, the changes feed,
errors) matches what it says, checked by openapi-core."""

import datetime
import json

import pytest
from openapi_core import Config, OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

from django.urls import reverse

from cms.models import (
    InterventionClosure,
    InterventionLocation,
    InterventionOpeningTime,
    Language,
    MeetingStatus,
)
from tests.factories import (
    InterventionPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    PersonFactory,
    publish,
)


@pytest.fixture
def openapi(client, db):
    response = client.get(reverse("api-v1:schema"), {"format": "json"})
    assert response.status_code == 200
    # from_dict validates the document against the OpenAPI 3 meta-schema.
    return OpenAPI.from_dict(
        response.json(),
        config=Config(
            extra_media_type_deserializers={"application/ld+json": json.loads}
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
    return {"full": full, "sparse": sparse, "news": news, "meeting": meeting}


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
        reverse("api-v1:changes"),
        reverse("api-v1:changes") + "?limit=1",
    ]


def test_every_response_matches_the_schema(client, openapi, content, org_a):
    for url in _urls(content, org_a):
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        # Raises with the mismatching field when the response differs.
        openapi.validate_response(
            DjangoOpenAPIRequest(response.wsgi_request),
            DjangoOpenAPIResponse(response),
        )


def test_next_pages_match_the_schema_too(client, openapi, content):
    url = reverse("api-v1:intervention-list") + "?page_size=1"
    seen = 0
    while url:
        response = client.get(url)
        openapi.validate_response(
            DjangoOpenAPIRequest(response.wsgi_request),
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
            DjangoOpenAPIRequest(response.wsgi_request),
            DjangoOpenAPIResponse(response),
        )
