"""The batching adapters: HSDS push (the /api/hsds/ service document, many
per request) and the informationsverige proposal (validated against its
JSON Schema in docs/partners/)."""

import json
from pathlib import Path

import jsonschema
import pytest
from standardwebhooks.webhooks import Webhook

from django.core.cache import cache
from django.urls import reverse

from cms.models import InterventionPage, Language, OrganisationPage
from sync.services import target_drain
from tests.factories import InterventionPageFactory, publish
from tests.sync.conftest import SECRET
from tests.sync.factories import target_for

pytestmark = pytest.mark.django_db

SCHEMA = (
    Path(__file__).resolve().parents[2] / "docs/partners/informationsverige.schema.json"
)


def _bodies(partner):
    return [json.loads(body) for _, body, code in partner.requests if code == 200]


def test_hsds_push_batches_services_and_tombstones(
    region, org_a, partner, client, django_capture_on_commit_callbacks
):
    target = target_for(region, partner.url, adapter="hsds", batch_size=10)
    with django_capture_on_commit_callbacks(execute=True):
        gone = publish(InterventionPageFactory(parent=org_a))
    partner.requests.clear()
    with django_capture_on_commit_callbacks(execute=False):
        pages = [publish(InterventionPageFactory(parent=org_a)) for _ in range(12)]
        gone.unpublish()

    target_drain(target_id=target.pk)

    bodies = _bodies(partner)
    assert len(bodies) == 2  # 13 items, 10 per request
    for headers, body, _ in partner.requests:
        Webhook(SECRET).verify(body, headers)
    services = [service for body in bodies for service in body["services"]]
    assert {s["id"] for s in services} == {str(p.uuid) for p in pages}
    assert [d["id"] for body in bodies for d in body["deleted"]] == [str(gone.uuid)]
    # Each service is exactly what /api/hsds/services/<id>/ shows.
    for service in services[:3]:
        detail = client.get(reverse("api-hsds:service-detail", args=(service["id"],)))
        assert json.loads(json.dumps(service)) == detail.json()
    assert target.deliveries.filter(status="delivered").count() == 14  # with the first


def test_informationsverige_payload_matches_its_schema(
    region, org_a, org_b, partner, django_capture_on_commit_callbacks
):
    OrganisationPage.objects.filter(pk=org_a.pk).update(municipality_code="0127")
    OrganisationPage.objects.filter(pk=org_b.pk).update(municipality_code="0136")
    target_for(region, partner.url, adapter="informationsverige")
    arabic, _ = Language.objects.get_or_create(code="ar", defaults={"name": "arabiska"})
    with django_capture_on_commit_callbacks(execute=True):
        both = InterventionPageFactory(parent=org_a, title="SFI i två kommuner")
        both.service_area.set([org_a, org_b])
        both.languages.set([arabic])
        publish(both)
        own = publish(
            InterventionPageFactory(parent=org_a, title="Samhällsorientering")
        )
        own.unpublish()

    schema = json.loads(SCHEMA.read_text())
    bodies = _bodies(partner)
    assert bodies
    for body in bodies:
        jsonschema.validate(body, schema, format_checker=jsonschema.FormatChecker())
    entries = [e for body in bodies for e in body["entries"]]
    two = [e for e in entries if e["intervention_id"] == str(both.uuid)]
    assert {e["municipality"]["code"] for e in two} == {"0127", "0136"}
    assert two[0]["texts"]["sv"]["title"] == "SFI i två kommuner"
    assert two[0]["offered_in_languages"] == ["ar"]
    removed = [r for body in bodies for r in body["removed"]]
    assert removed == [{"intervention_id": str(own.uuid), "version": 2}]


def test_webhook_object_is_what_the_delivery_api_shows(
    region, org_a, partner, client, django_capture_on_commit_callbacks
):
    """Built in bulk (with the organisation reference and review status
    computed once per organisation and due date), the object is still
    exactly the API's."""
    cache.clear()
    target = target_for(region, partner.url)
    with django_capture_on_commit_callbacks(execute=False):
        pages = [publish(InterventionPageFactory(parent=org_a)) for _ in range(3)]
    for page, due in zip(
        pages, ("2020-01-01", "2099-01-01", "2099-01-01"), strict=True
    ):
        InterventionPage.objects.filter(pk=page.pk).update(next_review_due=due)
    target_drain(target_id=target.pk)

    objects = {body["data"]["id"]: body["data"]["object"] for body in _bodies(partner)}
    assert set(objects) == {str(page.uuid) for page in pages}
    assert len({obj["review_status"] for obj in objects.values()}) == 2
    for object_id, sent in objects.items():
        shown = client.get(f"/api/v1/interventions/{object_id}/")
        assert shown.status_code == 200
        assert sent == shown.json()


def _informationsverige_build(pages):
    """The adapter's fragments() for these pages, ready to call."""
    from cms.models import ContentChange
    from sync.targets.informationsverige import InformationsverigeAdapter

    changes = {
        page.pk: ContentChange.objects.filter(page_id=page.pk).latest("pk")
        for page in pages
    }
    pages = list(
        InterventionPage.objects.filter(pk__in=[p.pk for p in pages])
        .select_related("category", "contact_person")
        .prefetch_related("service_area", "languages")
    )
    adapter = InformationsverigeAdapter(target=None, client=None)
    return lambda: adapter.fragments(
        object_type="intervention", pages=pages, changes=changes
    )


def test_informationsverige_texts_in_every_live_translation(
    org_a, django_assert_max_num_queries
):
    from wagtail.models import Locale

    OrganisationPage.objects.filter(pk=org_a.pk).update(municipality_code="0127")
    english = Locale.objects.get(language_code="en")
    arabic = Locale.objects.get(language_code="ar")
    page = publish(InterventionPageFactory(parent=org_a, title="SFI"))
    publish(
        InterventionPageFactory(
            parent=org_a,
            title="SFI in English",
            locale=english,
            translation_key=page.translation_key,
        )
    )
    InterventionPageFactory(
        parent=org_a,
        title="لم ينشر",
        locale=arabic,
        translation_key=page.translation_key,
        live=False,
    )
    others = [publish(InterventionPageFactory(parent=org_a)) for _ in range(3)]

    build = _informationsverige_build([page, *others])
    with django_assert_max_num_queries(4) as queries:
        built = build()
    texts = built[page.pk][0]["texts"]
    assert set(texts) == {"sv", "en"}
    assert texts["en"]["title"] == "SFI in English"
    assert texts["sv"]["title"] == "SFI"
    assert all(set(built[other.pk][0]["texts"]) == {"sv"} for other in others)
    # One query for the translations of all pages (not one per page).
    translation_queries = [
        q
        for q in queries.captured_queries
        if '"wagtailcore_page"."translation_key" IN' in q["sql"]
    ]
    assert len(translation_queries) == 1
