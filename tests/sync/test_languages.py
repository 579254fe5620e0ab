"""Sync in the newcomers' languages, over a real HTTP partner on loopback:
webhook events carry the locale and the object in that language; the
informationsverige adapter sends the real translations (made by Wagtail's
copy_for_translation) and sends the object again when a translation
changes; the HSDS push stays Swedish; no draft translation leaves."""

import json

import pytest

from django.core.cache import cache

from cms.models import ContentChange, OrganisationPage
from sync.services import target_drain
from tests.factories import InterventionPageFactory, publish, translation_of
from tests.sync.factories import target_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("arabic_configured")]


def _bodies(partner):
    return [json.loads(body) for _, body, code in partner.requests if code == 200]


def test_webhook_events_carry_the_locale(
    region, org_a, partner, client, django_capture_on_commit_callbacks
):
    cache.clear()
    target = target_for(region, partner.url)
    with django_capture_on_commit_callbacks(execute=False):
        sfi = publish(InterventionPageFactory(parent=org_a, title="SFI"))
        translation_of(sfi, "ar", title="اللغة السويدية")
        draft = translation_of(sfi, "en", live=False, title="Draft only")
    assert ContentChange.objects.filter(page_id=draft.pk).count() == 0
    target_drain(target_id=target.pk)

    events = [body["data"] for body in _bodies(partner)]
    # Both languages, neither coalesced away by the other.
    by_locale = {event["locale"]: event for event in events}
    assert set(by_locale) == {"sv", "ar"}
    assert {event["id"] for event in events} == {str(sfi.uuid)}
    arabic = by_locale["ar"]["object"]
    assert arabic["title"] == "اللغة السويدية" and arabic["locale"] == "ar"
    shown = client.get(f"/api/v1/interventions/{sfi.uuid}/", {"locale": "ar"})
    assert arabic == shown.json()
    assert "Draft only" not in json.dumps(events)


def test_informationsverige_sends_the_translations(
    region, org_a, partner, django_capture_on_commit_callbacks
):
    OrganisationPage.objects.filter(pk=org_a.pk).update(municipality_code="0127")
    org_a.refresh_from_db()
    target = target_for(region, partner.url, adapter="informationsverige")
    with django_capture_on_commit_callbacks(execute=False):
        sfi = publish(InterventionPageFactory(parent=org_a, title="SFI"))
    target_drain(target_id=target.pk)
    partner.requests.clear()

    # Translating it sends the intervention again, with its Arabic texts.
    with django_capture_on_commit_callbacks(execute=False):
        translation_of(sfi, "ar", title="اللغة السويدية", summary="ملخص")
        translation_of(sfi, "en", live=False, title="Draft only")
    target_drain(target_id=target.pk)

    entries = [entry for body in _bodies(partner) for entry in body["entries"]]
    assert entries, "the translation's change is sent"
    assert {entry["intervention_id"] for entry in entries} == {str(sfi.uuid)}
    texts = entries[-1]["texts"]
    assert set(texts) == {"sv", "ar"}
    assert texts["ar"]["title"] == "اللغة السويدية"
    assert texts["ar"]["summary"] == "ملخص"
    assert texts["sv"]["title"] == "SFI"
    # The category in each language (the standard categories ship Arabic).
    assert texts["ar"]["category"] == "اللغة السويدية للمهاجرين (SFI)"
    assert texts["sv"]["category"] == "SFI"


def test_hsds_push_stays_swedish(
    region, org_a, partner, django_capture_on_commit_callbacks
):
    target = target_for(region, partner.url, adapter="hsds")
    with django_capture_on_commit_callbacks(execute=False):
        sfi = publish(InterventionPageFactory(parent=org_a, title="SFI"))
    target_drain(target_id=target.pk)
    partner.requests.clear()
    with django_capture_on_commit_callbacks(execute=False):
        translation_of(sfi, "ar", title="اللغة السويدية")
    target_drain(target_id=target.pk)
    assert _bodies(partner) == []


def test_resync_sends_each_object_once_with_its_translations(
    region, org_a, partner, django_capture_on_commit_callbacks
):
    """A full resync queues one delivery per object, whatever language its
    newest change was in (here the Arabic translation's, whose page lies in
    the Arabic tree: the object is placed by its Swedish page), and the
    informationsverige payload carries the object with its translations."""
    from sync.services import target_resync

    OrganisationPage.objects.filter(pk=org_a.pk).update(municipality_code="0127")
    target = target_for(region, partner.url, adapter="informationsverige")
    with django_capture_on_commit_callbacks(execute=False):
        sfi = publish(InterventionPageFactory(parent=org_a, title="SFI"))
        translation_of(sfi, "ar", title="اللغة السويدية")
        cafe = publish(InterventionPageFactory(parent=org_a, title="Språkcafé"))
    newest = ContentChange.objects.filter(object_id=sfi.uuid).order_by("-id").first()
    assert newest.locale == "ar"
    target.deliveries.all().delete()

    with django_capture_on_commit_callbacks(execute=False):
        assert target_resync(target=target) == 2
    assert sorted(
        str(i) for i in target.deliveries.values_list("object_id", flat=True)
    ) == sorted([str(sfi.uuid), str(cafe.uuid)])
    target_drain(target_id=target.pk)

    entries = [entry for body in _bodies(partner) for entry in body["entries"]]
    by_id = {entry["intervention_id"]: entry for entry in entries}
    assert set(by_id) == {str(sfi.uuid), str(cafe.uuid)}
    assert set(by_id[str(sfi.uuid)]["texts"]) == {"sv", "ar"}
    assert set(by_id[str(cafe.uuid)]["texts"]) == {"sv"}
