"""The quarterly report's figures against hand-computed ones; the command,
the admin report with its CSV, the dashboard panel and the API status."""

import csv
import datetime
import io

import pytest
import time_machine

from django.core.management import call_command
from django.urls import reverse

from cms import services
from cms.models import InterventionCategory, InterventionPage
from cms.reviews.report import quarter_bounds, report_csv, review_report
from cms.reviews.services import person_mark_absent
from tests.cms.reviews.factories import intervention_due
from tests.factories import PersonFactory, stockholm

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank(org_a, org_b, owner_a):
    gone = PersonFactory(organisation=org_a, email="gone@example.se")
    person_b = PersonFactory(organisation=org_b, email="b@example.se")
    language = InterventionCategory.objects.get(slug="sprak-och-motesplatser")
    a1 = intervention_due(
        parent=org_a, owner=owner_a, due=datetime.date(2026, 10, 1), title="A1"
    )
    a2 = intervention_due(
        parent=org_a, owner=gone, due=datetime.date(2026, 9, 1), title="A2"
    )
    b1 = intervention_due(
        parent=org_b,
        owner=person_b,
        due=datetime.date(2026, 12, 20),
        title="B1",
        category=language,
    )
    person_mark_absent(person=gone)
    for page, completeness in ((a1, 80), (a2, 40), (b1, 60)):
        InterventionPage.objects.filter(pk=page.pk).update(completeness=completeness)
    services.interventions_mark_reviewed(pages=[a1], when=stockholm(2026, 10, 15, 10))
    # A review in the previous quarter counts for that quarter's trend only.
    services.interventions_mark_reviewed(pages=[b1], when=stockholm(2026, 8, 1, 10))
    InterventionPage.objects.filter(pk=b1.pk).update(
        next_review_due=datetime.date(2026, 12, 20)
    )
    return {"a1": a1, "a2": a2, "b1": b1}


def test_quarter_bounds():
    assert quarter_bounds("2026Q4") == (
        datetime.date(2026, 10, 1),
        datetime.date(2026, 12, 31),
    )
    assert quarter_bounds("2026q1") == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 3, 31),
    )
    with pytest.raises(ValueError):
        quarter_bounds("2026Q5")


def test_figures_match_hand_computed(bank, org_a):
    report = review_report(quarter="2026Q4", today=datetime.date(2027, 1, 10))
    assert report.as_of == datetime.date(2026, 12, 31)
    rows = {row.organisation: row for row in report.rows}
    botkyrka, haninge = rows["Botkyrka kommun"], rows["Haninge kommun"]
    # Botkyrka: A1 (owner, reviewed 15 Oct, 80 %) and A2 (owner gone,
    # due 1 Sep so 30 days overdue by 1 Oct, 40 %).
    assert (
        botkyrka.total,
        botkyrka.with_owner,
        botkyrka.reviewed,
        botkyrka.overdue,
    ) == (2, 1, 1, 1)
    assert (botkyrka.with_owner_share, botkyrka.reviewed_share) == (50.0, 50.0)
    assert botkyrka.mean_completeness == 60.0
    # Haninge: B1 (owner, reviewed in Q3 only, due 20 Dec: 11 days late, not
    # yet "overdue" by the ladder, 60 %).
    assert (haninge.total, haninge.with_owner, haninge.reviewed, haninge.overdue) == (
        1,
        1,
        0,
        0,
    )
    assert haninge.mean_completeness == 60.0
    assert report.totals.reviewed_share == 33.3
    matrix = dict(report.matrix)
    sfi = report.categories.index("SFI")
    language = report.categories.index(
        InterventionCategory.objects.get(slug="sprak-och-motesplatser").name
    )
    assert matrix["Botkyrka kommun"][sfi] == 2
    assert matrix["Haninge kommun"][language] == 1
    assert sum(matrix["Haninge kommun"]) == 1  # every other cell is empty
    assert report.trend == [
        ("2026Q1", 0.0),
        ("2026Q2", 0.0),
        ("2026Q3", 33.3),
        ("2026Q4", 33.3),
    ]
    assert report.overdue_titles == [
        ("Botkyrka kommun", "A2", datetime.date(2026, 9, 1))
    ]


def test_command_writes_html_and_csv(bank, tmp_path):
    out = io.StringIO()
    call_command(
        "review_report", "--quarter", "2026Q4", "--output", str(tmp_path), stdout=out
    )
    html = (tmp_path / "granskning-2026Q4.html").read_text()
    assert "Botkyrka kommun" in html and "<svg" in html and 'class="empty"' in html
    rows = list(
        csv.reader(io.StringIO((tmp_path / "granskning-2026Q4.csv").read_text()))
    )
    assert rows[1][0] == "organisation"
    assert "Botkyrka kommun" in {row[0] for row in rows if row}


def test_admin_report_for_central_admins_only(bank, client, central_admin, editor_a):
    url = reverse("samverkan_review_report")
    client.force_login(editor_a)
    assert client.get(url).status_code in {302, 403}
    client.force_login(central_admin)
    response = client.get(url, {"quarter": "2026Q4"})
    assert response.status_code == 200
    assert "Botkyrka kommun" in response.content.decode()
    csv_response = client.get(url, {"quarter": "2026Q4", "format": "csv"})
    assert csv_response["Content-Type"].startswith("text/csv")
    report = review_report(quarter="2026Q4")
    assert csv_response.content.decode() == report_csv(report)
    page = client.get(url, {"quarter": "2026Q4", "format": "html"}).content.decode()
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    # The unowned list: A2's owner left.
    body = response.content.decode()
    assert "Insatser utan ansvarig" in body and ">A2</a>" in body


def test_dashboard_panel_lists_my_reviews_due(bank, client, editor_a):
    # A1 was reviewed 15 Oct 2026, so it is due 15 Jan 2027: listed from the
    # heads-up (1 Jan). A2 and B1 are not the editor's.
    with time_machine.travel(stockholm(2026, 12, 20, 9)):
        client.force_login(editor_a)
        body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Mina granskningar" in body and "Inget att granska just nu." in body
    with time_machine.travel(stockholm(2027, 1, 5, 9)):
        client.force_login(editor_a)
        body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Mina granskningar" in body
    assert ">A1</a>" in body and ">A2</a>" not in body and ">B1</a>" not in body


def test_api_review_status_follows_the_ladder(bank, client):
    from django.utils import timezone

    today = timezone.localdate()
    page = bank["b1"]
    url = reverse("api-v1:intervention-detail", args=(str(page.uuid),))
    for days_late, status in (
        (-30, "current"),
        (-5, "due_soon"),
        (10, "due_soon"),
        (30, "overdue"),
    ):
        InterventionPage.objects.filter(pk=page.pk).update(
            next_review_due=today - datetime.timedelta(days=days_late)
        )
        from django.core.cache import cache

        cache.clear()
        assert client.get(url).json()["review_status"] == status, days_late


def test_admin_report_offers_every_region_the_user_administers(
    bank, client, region, central_admin
):
    """A central administrator of two regions chooses between them (the
    CSV and the steering group's page follow the choice); an administrator
    of the other region alone never sees the first region's figures."""
    from tests.factories import (
        OrganisationPageFactory,
        RegionPageFactory,
        central_admin_of,
    )

    other = RegionPageFactory(title="Norrort", slug="norrort", short_name="Norrort")
    OrganisationPageFactory(parent=other, title="Täby kommun", slug="taby")
    central_admin.groups.add(other.central_group)
    url = reverse("samverkan_review_report")
    client.force_login(central_admin)

    first = client.get(url, {"quarter": "2026Q4"}).content.decode()
    assert 'id="report-region"' in first
    assert "Norrort</option>" in first and "Södertörn</option>" in first
    # The first by title unless another is chosen.
    assert "Täby kommun" in first and "Botkyrka kommun" not in first
    chosen = client.get(url, {"quarter": "2026Q4", "region": region.pk})
    body = chosen.content.decode()
    assert "Botkyrka kommun" in body and "Täby kommun" not in body
    assert f"region={region.pk}&amp;format=csv" in body
    csv_body = client.get(
        url, {"quarter": "2026Q4", "region": region.pk, "format": "csv"}
    ).content.decode()
    assert "Botkyrka kommun" in csv_body and "Täby kommun" not in csv_body

    client.force_login(central_admin_of(other, username="norrort_only"))
    own = client.get(url, {"quarter": "2026Q4", "region": region.pk})
    own_body = own.content.decode()
    assert "Botkyrka kommun" not in own_body and "Täby kommun" in own_body
    assert 'id="report-region"' not in own_body
