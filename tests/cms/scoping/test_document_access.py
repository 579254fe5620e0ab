"""A document attached as minutes is not downloadable by the public until
the minutes are approved and shown on a live, public meeting; its editors
can always open it; other documents are served as before."""

import datetime

import pytest

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents import get_document_model

from cms.models import MeetingStatus
from tests.factories import MeetingPageFactory, publish


@pytest.fixture(autouse=True)
def files_on_disk(settings, tmp_path):
    """Documents stored on disk, so Wagtail serves their bytes (the test
    settings keep files in memory, which its serve view cannot read)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }


@pytest.fixture
def minutes(org_a):
    org_a.refresh_from_db()
    return get_document_model().objects.create(
        title="Protokoll",
        file=ContentFile(b"Beslut: budgeten antogs.", name="protokoll.txt"),
        collection=org_a.collection,
    )


@pytest.fixture
def held(org_a, minutes):
    return publish(
        MeetingPageFactory(
            parent=org_a,
            starts_at=timezone.now() - datetime.timedelta(days=20),
            status=MeetingStatus.HELD,
            minutes_document=minutes,
        )
    )


def download(client, document):
    return client.get(document.url)


def test_unapproved_minutes_are_withheld_from_the_public(client, held, minutes):
    assert download(client, minutes).status_code == 404


def test_the_organisations_editors_can_open_them(client, held, minutes, editor_a):
    client.force_login(editor_a)
    response = download(client, minutes)
    assert response.status_code == 200
    assert b"budgeten antogs" in b"".join(response.streaming_content)


def test_approved_minutes_are_public(client, held, minutes):
    held.minutes_approved_on = timezone.localdate()
    publish(held)
    assert download(client, minutes).status_code == 200


def test_approved_minutes_of_an_unpublished_meeting_are_withheld(client, held, minutes):
    held.minutes_approved_on = timezone.localdate()
    publish(held)
    held.unpublish()
    assert download(client, minutes).status_code == 404


def test_other_documents_are_served_as_before(client, org_a):
    org_a.refresh_from_db()
    document = get_document_model().objects.create(
        title="Broschyr",
        file=ContentFile(b"Valkommen", name="broschyr.txt"),
        collection=org_a.collection,
    )
    assert download(client, document).status_code == 200
