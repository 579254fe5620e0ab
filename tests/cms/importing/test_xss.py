"""Hostile input through the intervention import (manage.py
import_interventions, a real CSV file): every entry of the XSS corpus in
every text column, then read back through the delivery API, JSON-LD and
HSDS. Plain text goes out as the same text (JSON data, never markup);
the description, the one rich-text column, is escaped on import and cleaned
on the way out; nothing executable reaches a partner."""

import json

import pytest

from django.urls import reverse

from cms.models import InterventionPage
from tests.cms.importing.test_run import run, write_csv
from tests.factories import PersonFactory
from tests.hostile_html import CORPUS, EVIL, executable_parts

# The text columns of docs/editors/import.md, with their length limits.
TEXT_COLUMNS = {
    "title": 255,
    "summary": 300,
    "description": None,
    "eligibility": None,
    "how_to_apply": None,
    "cost_description": 255,
    "contact_phone": 40,
}
PAYLOADS = [*CORPUS, EVIL]


def _row(number: int, payload: str) -> dict:
    return {
        "external_id": f"xss-{number}",
        "organisation": "botkyrka",
        "category": "sfi",
        "status": "active",
        "contact_email": "sfi@botkyrka.example.se",
        "owner_email": "agare@botkyrka.example.se",
        **{
            column: payload[:limit] if limit else payload
            for column, limit in TEXT_COLUMNS.items()
        },
    }


@pytest.fixture
def imported(tmp_path, org_a):
    PersonFactory(organisation=org_a, email="agare@botkyrka.example.se")
    rows = [_row(number, payload) for number, payload in enumerate(PAYLOADS)]
    run(write_csv(tmp_path / "fientlig.csv", rows), "--commit")
    pages = {
        page.external_id: page
        for page in InterventionPage.objects.filter(external_id__startswith="xss-")
    }
    assert len(pages) == len(rows)
    return [(pages[row["external_id"]], row) for row in rows]


def test_the_import_keeps_every_hostile_row_as_text(imported):
    for page, row in imported:
        assert page.live
        assert page.title == row["title"]
        assert executable_parts(page.description) == [], row["external_id"]


def test_api_details_carry_text_as_data_and_clean_html(client, imported):
    for page, row in imported:
        response = client.get(reverse("api-v1:intervention-detail", args=[page.uuid]))
        data = response.json()

        assert response["Content-Type"] == "application/json"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "default-src 'none'" in response["Content-Security-Policy"]
        for column in ("title", "summary", "eligibility", "how_to_apply"):
            assert data[column] == row[column], (row["external_id"], column)
        assert executable_parts(data["description"]) == [], row["external_id"]


def test_the_api_list_carries_no_executable_html(client, imported):
    results = client.get(
        reverse("api-v1:intervention-list"), {"page_size": 100}
    ).json()["results"]

    assert len(results) == len(imported)
    for item in results:
        assert executable_parts(item["description"]) == [], item["title"]


def test_jsonld_cannot_break_out_of_its_script_element(client, imported):
    """Partners put JSON-LD into <script type="application/ld+json">: no
    string in it may close that element or open a comment."""
    for page, row in imported:
        url = reverse("api-v1:intervention-detail", args=[page.uuid])
        body = client.get(f"{url}?format=jsonld").content.decode()

        assert "</script" not in body.lower(), row["external_id"]
        assert "<!--" not in body, row["external_id"]
        assert json.loads(body)["name"] == row["title"]


def test_hsds_carries_the_text_as_plain_text(client, imported):
    for page, row in imported:
        response = client.get(f"/api/hsds/services/{page.uuid}")
        service = response.json()

        assert response["X-Content-Type-Options"] == "nosniff"
        assert service["name"] == row["title"]
        assert service["eligibility_description"] == row["eligibility"]
        assert service["fees_description"] == row["cost_description"]
        # The description in HSDS is plain text: summary and description
        # as the importer wrote them, never HTML of our making.
        assert row["summary"] in service["description"]
