"""What an intervention serves is recorded when its publish is committed
(cms.changes.list_membership), so its next publish also moves the lists it
leaves; a publish that rolls back leaves the record of the one before."""

import pytest

from django.core.cache import cache
from django.db import transaction

from cms.changes.list_membership import (
    BANK_LANGUAGES,
    MUNICIPALITY_LISTS,
    SERVED_KEY,
    lists_moved,
    municipality_list,
    served_records_seed,
)
from cms.models import InterventionStatus, Language
from tests.factories import InterventionPageFactory, publish


@pytest.fixture
def sfi(org_a, django_capture_on_commit_callbacks):
    page = InterventionPageFactory(parent=org_a, title="SFI", service_area=[org_a])
    with django_capture_on_commit_callbacks(execute=True):
        return publish(page)


def recorded(page):
    """The municipalities recorded for the page."""
    return cache.get(SERVED_KEY + str(page.uuid))["municipalities"]


def test_a_committed_publish_records_what_it_serves(
    sfi, org_b, django_capture_on_commit_callbacks
):
    assert recorded(sfi) == ["botkyrka"]

    sfi.service_area = [org_b]
    with django_capture_on_commit_callbacks() as waiting:
        publish(sfi)
    assert recorded(sfi) == ["botkyrka"]  # not before the commit
    for callback in waiting:
        callback()
    assert recorded(sfi) == [org_b.slug]


def test_a_publish_that_rolls_back_leaves_the_record_before(
    sfi, org_b, django_capture_on_commit_callbacks
):
    sfi.service_area = [org_b]
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        publish(sfi)
        raise RuntimeError("the request failed")

    assert recorded(sfi) == ["botkyrka"]
    moved, _record = lists_moved(sfi)
    assert municipality_list("botkyrka") in moved


def test_without_a_record_every_municipality_list_is_moved(sfi):
    cache.delete(SERVED_KEY + str(sfi.uuid))

    moved, record = lists_moved(sfi)

    assert moved == {MUNICIPALITY_LISTS, BANK_LANGUAGES, municipality_list("botkyrka")}
    assert record == {
        SERVED_KEY + str(sfi.uuid): {"municipalities": ["botkyrka"], "languages": []}
    }


def test_seeding_records_what_is_missing_and_keeps_what_is_there(sfi, org_a, org_b):
    other = publish(
        InterventionPageFactory(parent=org_b, title="Café", service_area=[org_a, org_b])
    )
    cache.delete(SERVED_KEY + str(other.uuid))
    cache.set(
        SERVED_KEY + str(sfi.uuid),
        {"municipalities": ["written-by-a-publish"], "languages": []},
    )

    served_records_seed()

    assert recorded(other) == sorted(["botkyrka", org_b.slug])
    assert recorded(sfi) == ["written-by-a-publish"]


def test_the_banks_languages_move_only_when_what_it_adds_to_them_does(
    sfi, django_capture_on_commit_callbacks
):
    sfi.title = "SFI på kvällen"  # languages as before
    moved, _record = lists_moved(sfi)
    assert BANK_LANGUAGES not in moved

    sfi.languages.set(Language.objects.filter(code="ar"))
    with django_capture_on_commit_callbacks(execute=True):
        publish(sfi)
    assert cache.get(SERVED_KEY + str(sfi.uuid))["languages"] == ["ar"]

    sfi.status = InterventionStatus.ENDED  # the bank leaves it out
    sfi.save()
    moved, record = lists_moved(sfi)
    assert BANK_LANGUAGES in moved
    assert record[SERVED_KEY + str(sfi.uuid)]["languages"] == []
