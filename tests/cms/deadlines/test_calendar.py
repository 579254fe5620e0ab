"""The deadlines calendar of central administrators: a private token link
(unguessable, stored hashed, revocable), 404 on a wrong token, only the
regions the user administers."""

import datetime
import re

import pytest

from django.urls import reverse

from cms.models import DeadlineFeedToken, ReportingDeadline
from tests.factories import (
    OrganisationPageFactory,
    ProjectPageFactory,
    RegionPageFactory,
    editor_of,
)

pytestmark = pytest.mark.django_db

ADMIN_PAGE = reverse("samverkan_deadlines_calendar")
DUE = datetime.date(2027, 3, 31)


def feed_path(token):
    return reverse("feeds:deadlines_ics", args=(token,))


@pytest.fixture
def deadlines(org_a):
    mine = ProjectPageFactory(parent=org_a, title="Vägen in")
    ReportingDeadline.objects.create(project=mine, kind="final_report", due_on=DUE)
    ReportingDeadline.objects.create(
        project=mine,
        kind="interim_report",
        due_on=DUE - datetime.timedelta(days=200),
        done_on=DUE - datetime.timedelta(days=201),
    )
    other_region = RegionPageFactory(title="Norrort", slug="norrort")
    taby = OrganisationPageFactory(parent=other_region, title="Täby kommun")
    theirs = ProjectPageFactory(parent=taby, title="Norrortsprojektet")
    ReportingDeadline.objects.create(project=theirs, kind="final_report", due_on=DUE)


def make_link(client) -> str:
    response = client.post(ADMIN_PAGE, {"action": "create"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    (url,) = re.findall(r"data-calendar-url[^>]*>([^<]+)<", response.content.decode())
    return url.split("testserver", 1)[-1] if "testserver" in url else url


def token_of(url: str) -> str:
    return url.rsplit("/", 1)[-1].removesuffix(".ics")


def test_a_central_administrator_subscribes_to_their_region_only(
    client, central_admin, deadlines
):
    client.force_login(central_admin)
    page = client.get(ADMIN_PAGE)
    assert page.status_code == 200
    assert "Du har ingen kalenderlänk." in page.content.decode()
    # The report links to the page.
    assert ADMIN_PAGE in client.get(reverse("samverkan_deadlines")).content.decode()

    url = make_link(client)
    token = token_of(url)
    assert len(token) >= 43  # 32 random bytes
    # Only its hash is stored.
    assert DeadlineFeedToken.objects.get(user=central_admin).token_hash != token
    assert token not in DeadlineFeedToken.objects.get().token_hash

    client.logout()  # a calendar program has no session
    response = client.get(feed_path(token))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert body.count("BEGIN:VEVENT") == 1  # the done one is left out
    assert "SUMMARY:Slutrapport: Vägen in" in body
    assert "DTSTART;VALUE=DATE:20270331" in body
    assert "Norrort" not in body


def test_wrong_new_and_revoked_tokens_are_404(client, central_admin, deadlines):
    client.force_login(central_admin)
    first = token_of(make_link(client))
    assert client.get(feed_path("x" * 43)).status_code == 404
    second = token_of(make_link(client))  # a new link ends the old one
    assert client.get(feed_path(first)).status_code == 404
    assert client.get(feed_path(second)).status_code == 200
    page = client.get(ADMIN_PAGE).content.decode()
    assert "Skapa en ny länk" in page
    client.post(ADMIN_PAGE, {"action": "revoke"})
    assert client.get(feed_path(second)).status_code == 404
    assert not DeadlineFeedToken.objects.exists()


def test_a_link_stops_working_when_the_user_is_no_longer_central(
    client, central_admin, region, deadlines
):
    client.force_login(central_admin)
    token = token_of(make_link(client))
    central_admin.groups.remove(region.central_group)
    assert client.get(feed_path(token)).status_code == 404


def test_an_editor_cannot_make_a_link(client, org_a):
    client.force_login(editor_of(org_a))
    assert client.get(ADMIN_PAGE).status_code in (302, 403)
    assert client.post(ADMIN_PAGE, {"action": "create"}).status_code in (302, 403)
    assert not DeadlineFeedToken.objects.exists()
