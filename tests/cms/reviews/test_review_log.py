"""The review log: reviews are recorded, edits are not reviews unless the
editor says so, and the due date follows from the last review."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse

from cms import services
from cms.importing.run import run_import
from cms.models import InterventionPage, ReviewEvent, ReviewMethod
from cms.reviews.services import intervention_content_hash
from tests.cms.importing.test_run import GOOD, OTHER, write_csv
from tests.cms.test_intervention_admin import form_data
from tests.factories import InterventionPageFactory, publish, stockholm

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(org_a, owner_a):
    return publish(
        InterventionPageFactory(
            parent=org_a, title="SFI Tumba", responsible_owner=owner_a
        )
    )


def test_mark_reviewed_logs_and_moves_due_date(page, editor_a, owner_a):
    when = stockholm(2026, 3, 10, 9)
    first_due = page.next_review_due
    services.interventions_mark_reviewed(pages=[page], user=editor_a, when=when)
    page.refresh_from_db()
    assert page.last_reviewed_at == when
    assert page.next_review_due == datetime.date(2026, 6, 10)
    event = ReviewEvent.objects.get(intervention=page)
    assert event.method == ReviewMethod.CONFIRMED
    assert event.user == editor_a
    assert event.person == owner_a
    assert event.cycle == first_due
    assert event.content_hash == intervention_content_hash(page=page)


def test_review_log_is_append_only(page, editor_a):
    services.interventions_mark_reviewed(pages=[page], user=editor_a)
    event = ReviewEvent.objects.get()
    event.method = ReviewMethod.IMPORT
    with pytest.raises(ValidationError):
        event.save()


def test_plain_edit_is_not_a_review(client, page, editor_a):
    client.force_login(editor_a)
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = client.post(
        url, form_data(page, title="Ändrad", **{"action-publish": "1"})
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Ändrad"
    assert not ReviewEvent.objects.exists()


def test_edit_with_review_box_is_a_review_by_the_editor(client, page, editor_a):
    client.force_login(editor_a)
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = client.post(
        url,
        form_data(
            page, title="Ändrad", confirm_reviewed="on", **{"action-publish": "1"}
        ),
    )
    assert response.status_code == 302
    event = ReviewEvent.objects.get(intervention=page)
    assert event.method == ReviewMethod.EDITED
    assert event.user == editor_a
    page.refresh_from_db()
    assert event.reviewed_at == page.last_reviewed_at
    # The hash is of the content reviewed: the edited title.
    assert event.content_hash == intervention_content_hash(page=page)
    # Publishing again without the box records nothing more.
    publish(InterventionPage.objects.get(pk=page.pk))
    assert ReviewEvent.objects.count() == 1


def test_draft_with_review_box_is_not_yet_a_review(client, page, editor_a):
    client.force_login(editor_a)
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    client.post(url, form_data(page, confirm_reviewed="on"))
    assert not ReviewEvent.objects.exists()


@pytest.mark.usefixtures("people")
def test_review_log_records_the_import(tmp_path):
    run_import(write_csv(tmp_path / "bank.csv", [GOOD, OTHER]), commit=True)
    page = InterventionPage.objects.get(external_id="old-1")
    event = ReviewEvent.objects.get()
    assert event.intervention_id == page.pk
    assert event.method == ReviewMethod.IMPORT
    assert event.reviewed_at == page.last_reviewed_at
    assert page.next_review_due == datetime.date(2025, 4, 10)
