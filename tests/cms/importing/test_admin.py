"""The admin's import (cms.importing.admin_views and services) on SQLite,
the Celery tasks run eagerly: upload, preview, confirm, report, scoping,
a crashed worker, the sweep. The real worker and browser:
tests/e2e/test_import_in_browser.py."""

import datetime

import pytest

from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cms.importing import services
from cms.models import ImportRun, ImportRunStatus, InterventionPage
from tests.cms.importing.test_run import GOOD, OTHER, write_csv
from tests.factories import UserFactory, editor_of

BAD = {**GOOD, "external_id": "old-3", "title": "Trasig", "start_date": "2026-13-01"}


@pytest.fixture
def editor(org_a):
    return editor_of(org_a, username="importer")


def _upload(client, path, *, name=None):
    data = SimpleUploadedFile(name or path.name, path.read_bytes())
    return client.post(reverse("samverkan_import"), {"file": data})


def _uploaded(client, capture, path) -> ImportRun:
    with capture(execute=True):
        response = _upload(client, path)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportRun.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[-1])


def test_upload_preview_confirm_report(
    client, editor, people, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("samverkan_import") in menu

    bad = write_csv(tmp_path / "bank.csv", [GOOD, BAD])
    run = _uploaded(client, django_capture_on_commit_callbacks, bad)
    page = client.get(reverse("samverkan_import_run", args=(run.pk,)))
    html = page.content.decode()

    assert run.status == ImportRunStatus.CHECKED and run.errors == 1
    assert 'data-row="3" data-action="error"' in html
    assert "Inte ett datum på formen ÅÅÅÅ-MM-DD" in html
    assert reverse("samverkan_import_confirm", args=(run.pk,)) not in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("samverkan_import_confirm", args=(run.pk,)))
    assert not InterventionPage.objects.exists()

    fixed = write_csv(tmp_path / "bank.csv", [GOOD, {**BAD, "start_date": ""}])
    run = _uploaded(client, django_capture_on_commit_callbacks, fixed)
    assert (run.status, run.created, run.errors) == (ImportRunStatus.CHECKED, 2, 0)
    assert not InterventionPage.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("samverkan_import_confirm", args=(run.pk,)))
    run.refresh_from_db()
    html = client.get(reverse("samverkan_import_run", args=(run.pk,))).content.decode()

    assert (run.status, run.created, run.failed) == (ImportRunStatus.DONE, 2, 0)
    assert not run.has_file and run.content is None
    assert InterventionPage.objects.count() == 2
    page = InterventionPage.objects.get(external_id="old-1")
    assert reverse("wagtailadmin_pages:edit", args=(page.pk,)) in html
    assert page.latest_revision.user == editor

    again = _uploaded(client, django_capture_on_commit_callbacks, fixed)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("samverkan_import_confirm", args=(again.pk,)))
    again.refresh_from_db()
    assert again.status == ImportRunStatus.DONE
    assert page.revisions.count() == 1


def test_editors_import_only_into_their_own_organisation(
    client, editor, people, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    run = _uploaded(
        client,
        django_capture_on_commit_callbacks,
        write_csv(tmp_path / "bank.csv", [GOOD, OTHER]),
    )
    html = client.get(reverse("samverkan_import_run", args=(run.pk,))).content.decode()
    assert run.errors == 1 and 'data-row="3" data-action="error"' in html

    other = UserFactory(username="somebody", is_superuser=True)
    client.force_login(other)
    response = client.get(reverse("samverkan_import_run", args=(run.pk,)))
    assert response.status_code == 404


def test_users_without_organisation_cannot_import(client, region, tmp_path):
    user = UserFactory(username="communicator")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert (
        reverse("samverkan_import")
        not in client.get(reverse("wagtailadmin_home")).content.decode()
    )
    assert client.get(reverse("samverkan_import")).status_code in (302, 403)
    path = write_csv(tmp_path / "bank.csv", [GOOD])
    assert _upload(client, path).status_code in (302, 403)
    assert not ImportRun.objects.exists()


def test_the_upload_has_the_command_lines_file_checks(client, editor, tmp_path):
    client.force_login(editor)
    path = tmp_path / "bank.xls"
    path.write_bytes(b"old excel")

    response = _upload(client, path)

    assert response.status_code == 200
    assert "Filtypen ”.xls” stöds inte" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_a_run_whose_worker_died_fails_and_can_be_retried(
    client, editor, people, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    run = _uploaded(
        client,
        django_capture_on_commit_callbacks,
        write_csv(tmp_path / "a.csv", [GOOD]),
    )
    services.import_run_confirm(run=run)
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRunStatus.SAVING, started_at=long_ago
    )

    html = client.get(reverse("samverkan_import_run", args=(run.pk,))).content.decode()
    run.refresh_from_db()

    assert run.status == ImportRunStatus.FAILED and run.has_file
    assert "avbröts" in html and 'http-equiv="refresh"' not in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("samverkan_import_retry", args=(run.pk,)))
    run.refresh_from_db()
    assert run.status == ImportRunStatus.CHECKED and run.created == 1


def test_a_late_worker_writes_nothing_to_a_run_given_up(
    editor, people, tmp_path, django_capture_on_commit_callbacks
):
    path = write_csv(tmp_path / "a.csv", [GOOD])
    run = services.import_run_create(
        user=editor, name="a.csv", content=path.read_bytes(), language="sv"
    )
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRunStatus.WAITING_SAVE)
    services.import_run_cancel(run=run)

    assert services.import_run_step(run_id=run.pk) is None
    assert not InterventionPage.objects.exists()


def test_the_progress_page_refreshes_itself(client, editor, people, tmp_path):
    client.force_login(editor)
    path = write_csv(tmp_path / "a.csv", [GOOD])
    run = services.import_run_create(
        user=editor, name="a.csv", content=path.read_bytes(), language="sv"
    )  # its task is queued after a commit that never comes here

    html = client.get(reverse("samverkan_import_run", args=(run.pk,))).content.decode()

    assert '<meta http-equiv="refresh" content="2">' in html
    assert "<progress" in html


def test_the_sweep_requeues_fails_and_deletes(editor, people, tmp_path):
    path = write_csv(tmp_path / "a.csv", [GOOD])
    waiting, idle, old = (
        services.import_run_create(
            user=editor, name=f"{n}.csv", content=path.read_bytes(), language="sv"
        )
        for n in ("waiting", "idle", "old")
    )
    now = timezone.now()
    ImportRun.objects.filter(pk=waiting.pk).update(
        queued_at=now - datetime.timedelta(hours=1)
    )
    ImportRun.objects.filter(pk=idle.pk).update(
        status=ImportRunStatus.CHECKED, finished_at=now - datetime.timedelta(days=2)
    )
    ImportRun.objects.filter(pk=old.pk).update(
        status=ImportRunStatus.DONE,
        has_file=False,
        created_at=now - datetime.timedelta(days=200),
    )

    done = services.import_runs_sweep(now=now)

    assert done == {"stale": 0, "requeued": 1, "files_deleted": 1, "runs_deleted": 1}
    assert ImportRun.objects.get(pk=waiting.pk).status == ImportRunStatus.CHECKED
    idle = ImportRun.objects.get(pk=idle.pk)
    assert (idle.status, idle.has_file, idle.content) == (
        ImportRunStatus.CANCELLED,
        False,
        None,
    )
    assert not ImportRun.objects.filter(pk=old.pk).exists()


def test_the_beat_runs_the_registered_sweep(settings):
    from cms.importing.tasks import import_runs_sweep_task
    from config.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["import-runs-sweep"]
    assert entry["task"] == import_runs_sweep_task.name
    assert entry["task"] in app.tasks
    assert entry["schedule"] == 300.0
