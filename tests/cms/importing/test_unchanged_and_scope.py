"""The shared import run: rows that change nothing write no revision, and a
user's import may name only the organisations they may edit."""

import datetime

from openpyxl import Workbook

from django.utils import timezone

from cms.importing.run import Action, run_import
from cms.models import InterventionPage
from tests.cms.importing.test_run import GOOD, OTHER, run, write_csv
from tests.factories import editor_of, publish


def _revisions() -> int:
    return sum(page.revisions.count() for page in InterventionPage.objects.all())


def test_importing_the_same_file_again_writes_no_revision(tmp_path, people):
    path = write_csv(tmp_path / "bank.csv", [GOOD, OTHER])
    first = run_import(path, commit=True)
    assert first.committed and first.created == 2, first.issues

    again = run_import(path, commit=True)
    output = run(path, "--commit")

    assert again.committed
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert [o.action for o in again.outcomes] == [Action.UNCHANGED] * 2
    assert [o.page_id for o in again.outcomes] == [
        InterventionPage.objects.get(external_id=row["external_id"]).pk
        for row in (GOOD, OTHER)
    ]
    assert "oförändrade: 2" in output
    assert _revisions() == 2


def test_one_changed_cell_writes_one_revision(tmp_path, people):
    run_import(write_csv(tmp_path / "bank.csv", [GOOD, OTHER]), commit=True)

    changed = {**OTHER, "languages": "ar;so"}
    report = run_import(write_csv(tmp_path / "two.csv", [GOOD, changed]), commit=True)

    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert [o.action for o in report.outcomes] == [Action.UNCHANGED, Action.UPDATE]
    other = InterventionPage.objects.get(external_id="old-2")
    assert other.revisions.count() == 2
    assert {lang.code for lang in other.languages.all()} == {"ar", "so"}


def test_an_earlier_review_date_is_no_change(tmp_path, people):
    run_import(write_csv(tmp_path / "bank.csv", [GOOD]), commit=True)
    page = InterventionPage.objects.get()
    later = timezone.make_aware(datetime.datetime(2025, 6, 1))
    InterventionPage.objects.filter(pk=page.pk).update(last_reviewed_at=later)

    report = run_import(write_csv(tmp_path / "same.csv", [GOOD]), commit=True)
    assert report.unchanged == 1

    newer = run_import(
        write_csv(tmp_path / "newer.csv", [{**GOOD, "last_reviewed": "2025-07-01"}]),
        commit=True,
    )
    assert newer.updated == 1
    reviewed = InterventionPage.objects.get().last_reviewed_at
    assert timezone.localdate(reviewed) == datetime.date(2025, 7, 1)


def test_a_page_with_an_unpublished_draft_is_published_again(tmp_path, people):
    path = write_csv(tmp_path / "bank.csv", [GOOD])
    run_import(path, commit=True)
    page = InterventionPage.objects.get()
    page.summary = "Ett utkast."
    page.save_revision()

    report = run_import(path, commit=True)

    assert report.updated == 1 and report.warnings
    page.refresh_from_db()
    assert not page.has_unpublished_changes and page.summary == GOOD["summary"]


def test_xlsx_cells_compare_with_what_was_stored(tmp_path, people):
    row = {
        **GOOD,
        "max_age": 64.0,
        "start_date": datetime.datetime(2026, 1, 12),
        "price_per_participant": 1250.5,
        "capacity": 24,
    }
    workbook = Workbook()
    workbook.active.append(list(row))
    workbook.active.append(list(row.values()))
    workbook.save(tmp_path / "bank.xlsx")
    run_import(write_csv(tmp_path / "bank.csv", [GOOD]), commit=True)

    report = run_import(tmp_path / "bank.xlsx", commit=True)

    assert report.unchanged == 1, report.issues


def test_a_user_imports_only_into_organisations_they_may_edit(
    tmp_path, people, org_a, org_b
):
    editor = editor_of(org_a, username="importer")
    path = write_csv(tmp_path / "bank.csv", [GOOD, OTHER])

    report = run_import(path, commit=True, user=editor)

    assert not report.committed
    assert [(i.row, i.column) for i in report.errors] == [(3, "organisation")]
    assert "inte en som du får redigera" in report.errors[0].message or (
        "not one you may edit" in report.errors[0].message
    )
    assert not InterventionPage.objects.exists()

    ok = run_import(write_csv(tmp_path / "own.csv", [GOOD]), commit=True, user=editor)
    assert ok.committed
    page = InterventionPage.objects.get()
    assert page.latest_revision.user == editor
    assert page.get_parent().pk == org_a.pk


def test_a_taken_external_id_of_another_organisation_is_not_named(
    tmp_path, people, org_a, org_b
):
    run_import(write_csv(tmp_path / "b.csv", [OTHER]), commit=True)
    hidden = publish(InterventionPage.objects.get())
    editor = editor_of(org_a, username="importer")
    taken = {**GOOD, "external_id": OTHER["external_id"]}

    report = run_import(write_csv(tmp_path / "a.csv", [taken]), user=editor)

    [error] = report.errors
    assert error.column == "organisation"
    assert org_b.title not in error.message and hidden.title not in error.message
