"""Names of unpublished or private organisations never leave through a
public intervention: not as its provider, a municipality it serves or its
owner, in API lists and details, JSON-LD, HSDS or a sync payload; and the
admin does not offer them as provider to editors of other organisations."""

import json

import pytest

from django.test import Client
from django.urls import reverse

from wagtail.models import PageViewRestriction

from cms.models import InterventionPage, OrganisationKind, OrganisationPage
from tests.factories import InterventionPageFactory, OrganisationPageFactory, publish

SECRET_NAMES = ("Hemliga kommunen", "Utkastkommunen", "Dolda ägaren")


@pytest.fixture
def hidden(region, org_a):
    private = OrganisationPageFactory(
        parent=region,
        title="Hemliga kommunen",
        slug="hemlig",
        kind=OrganisationKind.MUNICIPALITY,
    )
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft = OrganisationPageFactory(
        parent=region,
        title="Utkastkommunen",
        slug="utkast",
        kind=OrganisationKind.MUNICIPALITY,
        live=False,
    )
    draft_owner = OrganisationPageFactory(
        parent=region, title="Dolda ägaren", slug="dold", live=False
    )
    by_private = publish(InterventionPageFactory(parent=org_a, title="Insats P"))
    by_draft = publish(InterventionPageFactory(parent=org_a, title="Insats D"))
    owned = publish(InterventionPageFactory(parent=draft_owner, title="Insats O"))
    InterventionPage.objects.filter(pk=by_private.pk).update(provider=private)
    InterventionPage.objects.filter(pk=by_draft.pk).update(provider=draft)
    for page in (by_private, by_draft):
        page.service_area.set([private, draft, org_a])
        page.save()
    return {"pages": [by_private, by_draft, owned], "org_a": org_a}


def test_public_outputs_do_not_name_them(hidden):
    from sync.payloads import delivery_api_representation, objects_published

    client = Client()
    pages = hidden["pages"]
    urls = [
        reverse("api-v1:intervention-list"),
        "/api/hsds/services/",
        "/api/hsds/organizations/",
    ]
    for page in pages:
        detail = reverse("api-v1:intervention-detail", args=[page.uuid])
        urls += [detail, f"{detail}?format=jsonld", f"/api/hsds/services/{page.uuid}/"]
    bodies = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        bodies[url] = response.content.decode("unicode_escape")
    loaded = objects_published(
        object_type="intervention", object_ids=[page.uuid for page in pages]
    )
    bodies["sync"] = json.dumps(
        delivery_api_representation(
            object_type="intervention", pages=list(loaded.values())
        ),
        ensure_ascii=False,
    )
    leaks = [
        (where, name)
        for where, body in bodies.items()
        for name in (*SECRET_NAMES, "hemlig", "utkast", "/dold")
        if name in body
    ]
    assert leaks == []
    # The public municipality served is still named.
    listing = client.get(reverse("api-v1:intervention-list")).json()["results"]
    assert {area["name"] for item in listing for area in item["service_area"]} == {
        "Botkyrka kommun"
    }


def test_the_admin_does_not_offer_them_to_other_organisations(
    client, hidden, editor_a, region
):
    from cms.content.forms import pages_offered_to

    offered = pages_offered_to(
        editor_a, OrganisationPage.objects.child_of(region)
    ).values_list("title", flat=True)
    assert not set(offered) & set(SECRET_NAMES)
    assert "Botkyrka kommun" in offered

    page = hidden["pages"][0]
    client.force_login(editor_a)
    html = client.get(
        reverse("wagtailadmin_pages:edit", args=[page.pk])
    ).content.decode()
    assert "Botkyrka kommun" in html
    for name in SECRET_NAMES:
        assert name not in html
