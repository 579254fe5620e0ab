"""The intervention import: manage.py import_interventions and cms.importing."""

import csv
import datetime
import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone, translation

from cms.importing import values as import_values
from cms.importing.run import ImportFileError, run_import
from cms.models import InterventionPage, OrganisationKind
from tests.factories import OrganisationPageFactory, PersonFactory

SAMPLE = Path(__file__).resolve().parents[3] / "docs" / "editors"

GOOD = {
    "external_id": "old-1",
    "organisation": "botkyrka",
    "title": "SFI för föräldralediga",
    "summary": "SFI på dagtid för föräldralediga.",
    "description": "Första stycket <b>fet</b>.\n\nAndra stycket.",
    "category": "SFI",
    "status": "aktiv",
    "eligibility": "Föräldralediga nyanlända.",
    "min_age": "18",
    "max_age": "64",
    "establishment_programme": "båda",
    "service_area": "botkyrka; Haninge kommun",
    "languages": "sv;AR",
    "delivery_mode": "på plats",
    "start_date": "2026-01-12",
    "end_date": "2026-06-12",
    "capacity": "24",
    "how_to_apply": "Anmäl dig på webben.",
    "cost_description": "Kostnadsfritt.",
    "exchange_terms": "köpa",
    "price_per_participant": "1 250,50",
    "places_for_others": "4",
    "contact_email": "sfi@botkyrka.example.se",
    "contact_phone": "08-530 610 00",
    "owner_email": "Anna.Berg@BOTKYRKA.example.se",
    "contact_person_email": "omar.said@botkyrka.example.se",
    "last_reviewed": "2025-01-10",
}
OTHER = {
    "external_id": "old-2",
    "organisation": "haninge",
    "title": "Samhällsorientering på arabiska",
    "summary": "Samhällsorientering för deltagare i etableringsprogrammet.",
    "category": "samhallsorientering",
    "status": "ended",
    "establishment_programme": "participants",
    "languages": "ar",
    "delivery_mode": "remote",
    "exchange_terms": "swap",
    "owner_email": "lisa.ek@haninge.example.se",
}


def write_csv(path, rows, *, delimiter=",", encoding="utf-8", header=None):
    header = header or list(dict.fromkeys(key for row in rows for key in row))
    with open(path, "w", newline="", encoding=encoding) as file:
        writer = csv.writer(file, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows([row.get(column, "") for column in header] for row in rows)
    return path


def run(path, *options):
    """Run the command; returns its output (raises CommandError on errors)."""
    out = io.StringIO()
    call_command("import_interventions", str(path), *options, stdout=out, stderr=out)
    return out.getvalue()


def problems(report):
    return {(issue.row, issue.column) for issue in report.errors}


def test_dry_run_checks_the_file_and_writes_nothing(tmp_path, people):
    path = write_csv(tmp_path / "bank.csv", [GOOD, OTHER])

    report = run_import(path)
    output = run(path)

    assert report.ok, report.issues
    assert (report.rows, report.created, report.updated) == (2, 2, 0)
    assert not report.committed
    assert "--commit" in output
    assert not InterventionPage.objects.exists()


def test_commit_creates_published_pages_with_all_fields(tmp_path, people, org_a, org_b):
    run(write_csv(tmp_path / "bank.csv", [GOOD, OTHER]), "--commit")

    page = InterventionPage.objects.get(external_id="old-1")
    assert page.get_parent().pk == org_a.pk
    assert page.live and page.revisions.count() == 1
    assert page.slug == "sfi-för-föräldralediga"
    assert page.title == "SFI för föräldralediga"
    assert page.summary == "SFI på dagtid för föräldralediga."
    assert page.description == (
        "<p>Första stycket &lt;b&gt;fet&lt;/b&gt;.</p><p>Andra stycket.</p>"
    )
    assert page.category.slug == "sfi"
    assert page.status == "active"
    assert page.eligibility == "Föräldralediga nyanlända."
    assert (page.min_age, page.max_age) == (18, 64)
    assert page.establishment_programme == "both"
    assert {p.pk for p in page.service_area.all()} == {org_a.pk, org_b.pk}
    assert {lang.code for lang in page.languages.all()} == {"sv", "ar"}
    assert page.delivery_mode == "on_site"
    assert page.start_date == datetime.date(2026, 1, 12)
    assert page.end_date == datetime.date(2026, 6, 12)
    assert (page.capacity, page.places_for_others) == (24, 4)
    assert page.how_to_apply == "Anmäl dig på webben."
    assert page.cost_description == "Kostnadsfritt."
    assert page.exchange_terms == "buy"
    assert page.price_per_participant == Decimal("1250.50")
    assert page.contact_email == "sfi@botkyrka.example.se"
    assert page.contact_phone == "08-530 610 00"
    assert page.responsible_owner == people["owner"]
    assert page.contact_person == people["contact"]
    assert timezone.localdate(page.last_reviewed_at) == datetime.date(2025, 1, 10)

    other = InterventionPage.objects.get(external_id="old-2")
    assert other.get_parent().pk == org_b.pk
    assert (other.status, other.establishment_programme) == ("ended", "participants")
    assert (other.delivery_mode, other.exchange_terms) == ("remote", "swap")
    assert other.responsible_owner == people["other"]


def test_bad_rows_are_reported_and_nothing_is_written(tmp_path, people):
    rows = [
        GOOD,  # row 2
        {**GOOD, "external_id": "bad-date", "start_date": "2026-13-01"},
        {**GOOD, "external_id": "bad-org", "organisation": "atlantis"},
        {**GOOD, "external_id": "bad-ages", "min_age": "30", "max_age": "20"},
        {**GOOD, "external_id": "bad-language", "languages": "ar;xx"},
        {**GOOD, "external_id": "no-owner", "owner_email": ""},
        {**GOOD, "external_id": "old-1"},  # row 8: the same id as row 2
    ]
    path = write_csv(tmp_path / "bank.csv", rows)

    report = run_import(path, commit=True)
    assert problems(report) == {
        (3, "start_date"),
        (4, "organisation"),
        (5, "max_age"),
        (6, "languages"),
        (7, "owner_email"),
        (8, "external_id"),
    }
    assert not report.committed

    with pytest.raises(CommandError):
        run(path, "--commit")
    assert not InterventionPage.objects.exists()


def test_the_report_is_in_swedish(tmp_path, people):
    path = write_csv(tmp_path / "bank.csv", [{**GOOD, "organisation": "atlantis"}])
    out = io.StringIO()
    with translation.override("sv"), pytest.raises(CommandError) as error:
        call_command("import_interventions", str(path), stdout=out)
    assert "Fel: rad 2, organisation: Okänd organisation ”atlantis”." in out.getvalue()
    assert "inget sparades" in str(error.value)


def test_reimport_updates_the_same_page_with_a_new_revision(tmp_path, people):
    run(write_csv(tmp_path / "first.csv", [GOOD]), "--commit")
    page = InterventionPage.objects.get(external_id="old-1")

    changed = {**GOOD, "summary": "Ny sammanfattning.", "languages": "so"}
    report = run_import(write_csv(tmp_path / "second.csv", [changed]), commit=True)

    assert report.committed and (report.created, report.updated) == (0, 1)
    updated = InterventionPage.objects.get()
    assert (updated.pk, updated.uuid, updated.slug) == (page.pk, page.uuid, page.slug)
    assert updated.summary == "Ny sammanfattning."
    assert [lang.code for lang in updated.languages.all()] == ["so"]
    assert updated.revisions.count() == 2
    assert updated.live_revision == updated.latest_revision


def test_columns_left_out_keep_their_values(tmp_path, people):
    run(write_csv(tmp_path / "first.csv", [GOOD]), "--commit")
    only_summary = {
        "external_id": "old-1",
        "organisation": "botkyrka",
        "summary": "Kort.",
    }
    run(write_csv(tmp_path / "second.csv", [only_summary]), "--commit")

    page = InterventionPage.objects.get()
    assert page.summary == "Kort."
    assert page.title == GOOD["title"] and page.capacity == 24
    assert page.responsible_owner == people["owner"]


def test_an_external_id_of_another_organisation_is_an_error(tmp_path, people):
    run(write_csv(tmp_path / "first.csv", [GOOD]), "--commit")
    moved = {
        **GOOD,
        "organisation": "haninge",
        "owner_email": "lisa.ek@haninge.example.se",
    }
    report = run_import(write_csv(tmp_path / "second.csv", [moved]), commit=True)
    assert problems(report) == {(2, "organisation")}


def test_xlsx_import(tmp_path, people, org_a):
    workbook = Workbook()
    sheet = workbook.active
    row = {
        **GOOD,
        "min_age": 18,
        "max_age": 64.0,
        "start_date": datetime.datetime(2026, 1, 12),
        "end_date": datetime.date(2026, 6, 12),
        "price_per_participant": 1250.5,
        "capacity": 24,
    }
    sheet.append(list(row))
    sheet.append([None] * len(row))  # an empty row is skipped
    sheet.append(list(row.values()))
    workbook.save(tmp_path / "bank.xlsx")

    report = run_import(tmp_path / "bank.xlsx", commit=True)

    assert report.committed, report.issues
    page = InterventionPage.objects.get()
    assert page.get_parent().pk == org_a.pk
    assert (page.min_age, page.max_age, page.capacity) == (18, 64, 24)
    assert page.start_date == datetime.date(2026, 1, 12)
    assert page.price_per_participant == Decimal("1250.50")


def test_semicolon_separated_windows_1252_csv(tmp_path, people):
    row = {
        **GOOD,
        "title": "Språkcafé för äldre",
        "description": "Öppet – på torsdagar.",
    }
    path = write_csv(tmp_path / "excel.csv", [row], delimiter=";", encoding="cp1252")
    assert b";" in path.read_bytes() and "å".encode("cp1252") in path.read_bytes()

    run(path, "--commit")

    page = InterventionPage.objects.get()
    assert page.title == "Språkcafé för äldre"
    assert page.description == "<p>Öppet – på torsdagar.</p>"
    assert {p.slug for p in page.service_area.all()} == {"botkyrka", "haninge"}


def test_swedish_header_names_and_values(tmp_path, people):
    header = {
        "Extern ID": "sv-1",
        "Organisation": "BOTKYRKA",
        "Titel": "Samhällsorientering",
        "Sammanfattning": "Om livet i Sverige.",
        "Kategori": "Samhällsorientering",
        "Status": "Tillfälligt stängd",
        "Etableringsprogrammet": "nej",
        "Genomförande": "distans",
        "Utbyte": "köpa eller byta",
        "Pris per deltagare": "900 kr",
        "Språk": "ar; so",
        "Kommuner": "haninge",
        "Ägare e-post": "anna.berg@botkyrka.example.se",
        "Kontakt e-post": "so@botkyrka.example.se",
        "Senast granskad": "2025-02-01",
    }
    run(write_csv(tmp_path / "svenska.csv", [header]), "--commit")

    page = InterventionPage.objects.get(external_id="sv-1")
    assert page.category.slug == "samhallsorientering"
    assert page.status == "temporarily_closed"
    assert page.establishment_programme == "non_participants"
    assert (page.delivery_mode, page.exchange_terms) == ("remote", "buy_or_swap")
    assert page.price_per_participant == Decimal("900")
    assert {lang.code for lang in page.languages.all()} == {"ar", "so"}
    assert page.responsible_owner == people["owner"]
    assert page.contact_email == "so@botkyrka.example.se"


def test_unknown_columns_warn_and_missing_required_columns_fail(tmp_path, people):
    path = write_csv(tmp_path / "extra.csv", [{**GOOD, "Anteckning": "x"}])
    report = run_import(path, commit=True)
    assert report.committed
    assert [(i.row, i.column) for i in report.warnings] == [(1, "Anteckning")]

    path = write_csv(tmp_path / "no-org.csv", [{"external_id": "x", "title": "X"}])
    report = run_import(path)
    assert problems(report) == {(1, "organisation")}


def test_unreadable_files_are_command_errors(tmp_path):
    (tmp_path / "bank.xls").write_bytes(b"old excel")
    with pytest.raises(CommandError):
        run(tmp_path / "bank.xls")
    with pytest.raises(ImportFileError):
        run_import(tmp_path / "missing.csv")


def test_progress_wraps_checking_and_saving(tmp_path, people):
    seen = []

    def progress(items, *, total, desc):
        seen.append(total)
        return items

    run_import(write_csv(tmp_path / "bank.csv", [GOOD]), commit=True, progress=progress)
    assert seen == [1, 1]


# The sample creates its own organisations, Botkyrka among them.
@pytest.mark.fresh_region
def test_the_documented_sample_imports(region):
    organisations = {}
    for slug in ("botkyrka", "haninge", "huddinge", "nynashamn", "tyreso"):
        organisations[slug] = OrganisationPageFactory(
            parent=region,
            slug=slug,
            title=f"{slug.capitalize()} kommun",
            kind=OrganisationKind.MUNICIPALITY,
        )
    for slug, local_part in [
        ("botkyrka", "jonas.ek"),
        ("botkyrka", "elin.sandberg"),
        ("haninge", "yusuf.abdi"),
        ("huddinge", "daniel.oberg"),
    ]:
        PersonFactory(
            organisation=organisations[slug], email=f"{local_part}@example.se"
        )

    report = run_import(SAMPLE / "interventions-sample.csv", commit=True)

    assert report.committed and report.created == 3, report.issues
    documented = (SAMPLE / "import.md").read_text()
    header = (SAMPLE / "interventions-sample.csv").read_text().splitlines()[0]
    for column in header.split(","):
        assert f"`{column}`" in documented


@pytest.mark.parametrize(
    ("raw", "amount"),
    [
        ("1 250,50", Decimal("1250.50")),
        ("1\u00a0250,50 kr", Decimal("1250.50")),
        ("1.250,5", Decimal("1250.5")),
        ("1250.50", Decimal("1250.50")),
        (900, Decimal("900")),
        ("", None),
    ],
)
def test_amounts_in_swedish_format(raw, amount):
    assert import_values.decimal(raw) == amount


def test_bad_cells_raise_cell_errors():
    for parse, raw in [
        (import_values.decimal, "gratis"),
        (import_values.integer, "18 år"),
        (import_values.date, "12/1/2026"),
    ]:
        with pytest.raises(import_values.CellError):
            parse(raw)
    with pytest.raises(import_values.CellError):
        import_values.choice("öppen", import_values.STATUS_WORDS, "active")
