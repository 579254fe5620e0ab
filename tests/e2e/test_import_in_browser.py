"""The admin's import in Chromium, with PostgreSQL, Redis and a real Celery
worker process (the upload is checked and imported by the worker):

an editor opens "Importera insatser" from the menu, uploads a file with one
bad row and reads the row's error in the preview, uploads the corrected
file, confirms, watches the progress page and reads the report; then, in a
browser with JavaScript off, uploads the same file again: every row is
unchanged and no revision is written.

Screenshots go to SAMVERKAN_SCREENSHOTS (else the test's temporary folder);
no page shows an English fragment or an error page. One browser, one test."""

import re

import pytest

pytest.importorskip("playwright")

from playwright.sync_api import expect  # noqa: E402

from wagtail.models import Revision  # noqa: E402

from cms.models import ImportRun, ImportRunStatus, InterventionPage  # noqa: E402
from tests.cms.importing.test_run import GOOD, write_csv  # noqa: E402
from tests.e2e.helpers import log_in, screenshot_checker  # noqa: E402
from tests.factories import PersonFactory, editor_of  # noqa: E402
from tests.integration.conftest import (  # noqa: E402, F401 (fixtures)
    celery_worker,
    celery_worker_process,
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("celery_worker"),
    # A browser and a worker process, one at a time beside the parallel part
    # (scripts/run-tests.sh). Its navigations missed the default timeouts
    # when both cores were loaded: 30 s there.
    pytest.mark.own_services,
]

ROWS = 10  # enough that saving them outlasts the first look at the progress
WORKER_MS = 90_000  # to wait for the worker on a loaded machine
NAVIGATION_MS = 30_000
# The English of this feature's own strings, which must not show.
OWN_ENGLISH = (
    "Preview",
    "Report",
    "Unchanged",
    "Will be updated",
    "Check the file",
    "Your recent imports",
    "Waiting for",
    "What happens",
    "Problems",
    "External id",
    "Try again",
)


def _rows(*, broken: bool) -> list[dict]:
    rows = [
        {**GOOD, "external_id": f"imp-{n}", "title": f"Språkcafé {n}"}
        for n in range(1, ROWS + 1)
    ]
    if broken:
        rows[1]["start_date"] = "2026-13-01"  # row 3 of the file
    return rows


@pytest.fixture
def shots(tmp_path):
    return screenshot_checker(tmp_path, prefix="import-", english=OWN_ENGLISH)


def _upload(page, path):
    page.set_input_files('input[name="file"]', str(path))
    with page.expect_navigation():
        page.get_by_role("button", name="Kontrollera filen").click()


def test_an_editor_imports_a_spreadsheet(
    browser, page, live_server, org_a, org_b, tmp_path, shots
):
    PersonFactory(organisation=org_a, email="anna.berg@botkyrka.example.se")
    PersonFactory(organisation=org_a, email="omar.said@botkyrka.example.se")
    editor = editor_of(org_a, username="importer")
    broken = write_csv(tmp_path / "insatser.csv", _rows(broken=True))
    (tmp_path / "fixed").mkdir()
    fixed = write_csv(tmp_path / "fixed" / "insatser.csv", _rows(broken=False))

    page.set_default_timeout(NAVIGATION_MS)
    page.set_default_navigation_timeout(NAVIGATION_MS)
    log_in(page, editor.username)
    page.get_by_role("link", name="Importera insatser").click()
    expect(page.get_by_role("heading", name="Importera insatser")).to_be_visible()
    shots(page, "1-upload")

    # A file with one bad row: the worker checks it, the preview names it.
    _upload(page, broken)
    bad_row = page.locator('tr[data-row="3"]')
    expect(bad_row).to_contain_text(
        "Inte ett datum på formen ÅÅÅÅ-MM-DD", timeout=WORKER_MS
    )
    expect(page.get_by_role("alert")).to_contain_text(re.compile(r"Filen har 1 fel:"))
    expect(page.get_by_role("button", name="Importera", exact=True)).to_have_count(0)
    shots(page, "2-preview-with-error")
    assert not InterventionPage.objects.exists()

    # The corrected file: a clean preview, then the import.
    page.get_by_role("link", name="Ladda upp en rättad fil").click()
    _upload(page, fixed)
    confirm = page.get_by_role("button", name="Importera", exact=True)
    expect(confirm).to_be_visible(timeout=WORKER_MS)
    expect(page.locator(".samverkan-import-counts")).to_contain_text(str(ROWS))
    shots(page, "3-preview-clean")
    with page.expect_navigation():
        confirm.click()
    expect(page.locator("progress")).to_be_attached()
    shots(page, "4-progress")
    expect(page.get_by_role("heading", name="Rapport")).to_be_visible(timeout=WORKER_MS)
    shots(page, "5-report")
    run = ImportRun.objects.filter(user=editor).first()
    assert (run.status, run.created, run.failed) == (ImportRunStatus.DONE, ROWS, 0)
    assert not run.has_file
    assert InterventionPage.objects.live().count() == ROWS
    page.get_by_role("link", name="Språkcafé 1", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))

    # The same file again, with JavaScript off: nothing changes.
    revisions = Revision.objects.count()
    context = browser.new_context(
        base_url=live_server.url, locale="sv-SE", java_script_enabled=False
    )
    try:
        plain = context.new_page()
        plain.set_default_timeout(NAVIGATION_MS)
        plain.set_default_navigation_timeout(NAVIGATION_MS)
        log_in(plain, editor.username)
        plain.goto("/admin/import/")
        _upload(plain, fixed)
        confirm = plain.get_by_role("button", name="Importera", exact=True)
        expect(confirm).to_be_visible(timeout=WORKER_MS)
        expect(plain.locator(".samverkan-import-counts")).to_contain_text("Oförändrade")
        with plain.expect_navigation():
            confirm.click()
        expect(plain.get_by_role("heading", name="Rapport")).to_be_visible(
            timeout=WORKER_MS
        )
        shots(plain, "6-report-unchanged")
    finally:
        context.close()
    again = ImportRun.objects.filter(user=editor).first()
    assert (again.created, again.updated, again.unchanged) == (0, 0, ROWS)
    assert Revision.objects.count() == revisions
