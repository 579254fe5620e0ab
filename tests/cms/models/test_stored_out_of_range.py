"""Values outside what the forms allow (a data migration, an import or a
script can store them) never give a 500: every output renders them or
leaves them out. An opening time whose weekday is not one of the seven is
left out of the API, JSON-LD and HSDS (it was a KeyError)."""

import datetime

from django.test import Client
from django.urls import reverse

from cms.models import (
    InterventionOpeningTime,
    InterventionPage,
    MeetingPage,
    OrganisationPage,
)
from tests.factories import InterventionPageFactory, MeetingPageFactory, publish


def test_values_the_forms_refuse_render_or_are_left_out(region, org_a):
    from wagtail.models import Site

    Site.objects.filter(is_default_site=True).update(root_page=region)
    page = InterventionPageFactory(parent=org_a, title="SFI")
    page.opening_times = [
        InterventionOpeningTime(
            weekday=2, opens=datetime.time(9), closes=datetime.time(12)
        )
    ]
    page = publish(page)
    meeting = publish(MeetingPageFactory(parent=org_a))
    # Straight into the database, past every form.
    InterventionOpeningTime.objects.create(
        page=page, weekday=9, opens=datetime.time(9), closes=datetime.time(12)
    )
    InterventionOpeningTime.objects.create(
        page=page, weekday=0, opens=datetime.time(13), closes=datetime.time(8)
    )
    InterventionPage.objects.filter(pk=page.pk).update(
        status="bogus",
        exchange_terms="bogus",
        delivery_mode="bogus",
        min_age=120,
        max_age=3,
    )
    MeetingPage.objects.filter(pk=meeting.pk).update(status="bogus")
    OrganisationPage.objects.filter(pk=org_a.pk).update(kind="bogus")

    client = Client(raise_request_exception=False)
    detail = reverse("api-v1:intervention-detail", args=[page.uuid])
    urls = [
        reverse("api-v1:intervention-list"),
        detail,
        f"{detail}?format=jsonld",
        reverse("api-v1:event-list"),
        reverse("api-v1:event-detail", args=[meeting.translation_key]),
        reverse("api-v1:organisation-detail", args=[org_a.translation_key]),
        f"{reverse('api-v1:organisation-detail', args=[org_a.translation_key])}?format=jsonld",
        "/api/hsds/services/",
        f"/api/hsds/services/{page.uuid}/",
        "/api/hsds/organizations/",
        "/api/v2/pages/?type=samverkan_cms.InterventionPage&fields=*",
        "/feeds/events.ics",
        page.url,
        org_a.url,
    ]
    failures = [
        (url, status) for url in urls if (status := client.get(url).status_code) >= 500
    ]
    assert failures == []

    # The weekday that is not one: left out; Tuesday stays.
    assert [t["weekday"] for t in client.get(detail).json()["opening_times"]] == [2]
    jsonld = client.get(f"{detail}?format=jsonld").json()
    assert [h["dayOfWeek"] for h in jsonld["hoursAvailable"]] == [
        "https://schema.org/Tuesday"
    ]
    service = client.get(f"/api/hsds/services/{page.uuid}/").json()
    assert [s["byday"] for s in service["schedules"]] == ["TU"]
