"""The one-click review page: GET changes nothing, POST acts; bad links are
refused; missing facts block confirming; snooze; needs changes; not mine."""

import datetime

import pytest
import time_machine

from django.core import mail, signing
from django.urls import reverse

from cms.models import InterventionPage, ReviewDigest, ReviewEvent, ReviewSnooze
from cms.reviews.sending import digests_send
from cms.reviews.tokens import SALT, digest_token
from tests.cms.reviews.factories import intervention_due
from tests.factories import PersonFactory, stockholm

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 3, 1)


def on(month, day):
    return time_machine.travel(stockholm(2026, month, day, 9), tick=False)


@pytest.fixture
def sent(org_a, owner_a, coordinator_a):
    pages = [
        intervention_due(parent=org_a, owner=owner_a, due=DUE, title=title)
        for title in ("SFI Tumba", "Språkcafé")
    ]
    with on(3, 1):
        digests_send()
        digest = ReviewDigest.objects.get(recipient=owner_a)
        url = reverse("review_link", args=(digest_token(digest=digest),))
    return {"pages": pages, "digest": digest, "url": url}


def state():
    return (
        list(
            InterventionPage.objects.values_list(
                "pk", "last_reviewed_at", "next_review_due"
            )
        ),
        ReviewEvent.objects.count(),
    )


def test_get_shows_the_summary_and_changes_nothing(client, sent):
    before = state()
    with on(3, 2):
        response = client.get(sent["url"])
    assert response.status_code == 200
    body = response.content.decode()
    assert "SFI Tumba" in body and "Språkcafé" in body
    assert "Alla 2 insatser stämmer fortfarande" in body
    assert state() == before


def test_post_confirms_all(client, sent, owner_a):
    with on(3, 2):
        response = client.post(sent["url"], {"action": "confirm_all"})
    assert response.status_code == 200
    events = ReviewEvent.objects.all()
    assert {e.intervention_id for e in events} == {p.pk for p in sent["pages"]}
    assert {e.method for e in events} == {"confirmed"}
    assert {e.person_id for e in events} == {owner_a.pk}
    for page in sent["pages"]:
        page.refresh_from_db()
        assert page.next_review_due == datetime.date(2026, 6, 2)


def test_tampered_and_expired_links_are_refused(client, sent):
    token = sent["url"].rstrip("/").rsplit("/", 1)[1]
    tampered = reverse("review_link", args=(token[:-2] + "xx",))
    other = signing.dumps({"d": sent["digest"].pk, "p": 999}, salt=SALT)
    before = state()
    with on(3, 2):
        assert client.post(tampered, {"action": "confirm_all"}).status_code == 403
        assert client.get(reverse("review_link", args=(other,))).status_code == 403
    with on(4, 5):  # 35 days later: past LINK_MAX_AGE_DAYS
        response = client.post(sent["url"], {"action": "confirm_all"})
    assert response.status_code == 403
    assert "Länken fungerar inte" in response.content.decode()
    assert state() == before


def test_missing_required_facts_block_confirming(client, sent):
    page = sent["pages"][0]
    InterventionPage.objects.filter(pk=page.pk).update(contact_email="")
    with on(3, 2):
        response = client.post(sent["url"], {"action": "confirm_all"})
    assert response.status_code == 400
    assert "SFI Tumba kan inte bekräftas: kontakt saknas." in response.content.decode()
    assert list(ReviewEvent.objects.values_list("intervention_id", flat=True)) == [
        sent["pages"][1].pk
    ]


def test_needs_changes_opens_the_editor_for_account_holders(client, sent):
    page = sent["pages"][0]
    with on(3, 2):
        response = client.post(
            sent["url"], {"action": "needs_changes", "item": page.pk}
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=(page.pk,))


def test_needs_changes_without_account_tells_the_coordinator(
    client, org_a, coordinator_a
):
    owner = PersonFactory(organisation=org_a, email="utan@example.se")
    page = intervention_due(parent=org_a, owner=owner, due=DUE, title="Läxhjälp")
    with on(3, 1):
        digests_send()
    digest = ReviewDigest.objects.get(recipient=owner)
    mail.outbox.clear()
    with on(3, 2):
        response = client.post(
            reverse("review_link", args=(digest_token(digest=digest),)),
            {"action": "needs_changes", "item": page.pk, "note": "Nya tider"},
        )
    assert response.status_code == 200
    (message,) = mail.outbox
    assert message.to == ["karin@example.se"]
    assert "Läxhjälp" in message.subject and "Nya tider" in message.body
    assert not ReviewEvent.objects.exists()


def test_not_mine_hands_the_entry_to_the_coordinator(client, sent, coordinator_a):
    page = sent["pages"][0]
    mail.outbox.clear()
    with on(3, 2):
        client.post(sent["url"], {"action": "not_mine", "item": page.pk})
    page.refresh_from_db()
    assert page.responsible_owner == coordinator_a
    assert page.live_revision.as_object().responsible_owner_id == coordinator_a.pk
    assert [m.to for m in mail.outbox] == [["karin@example.se"]]


def test_snooze_needs_a_reason_and_works_once_per_cycle(client, sent):
    page = sent["pages"][0]
    with on(3, 2):
        no_reason = client.post(
            sent["url"],
            {"action": "snooze", "item": page.pk, "until": "2026-03-20", "note": ""},
        )
        assert no_reason.status_code == 400
        ok = client.post(
            sent["url"],
            {
                "action": "snooze",
                "item": page.pk,
                "until": "2026-03-20",
                "note": "Semester",
            },
        )
        assert ok.status_code == 200
        again = client.post(
            sent["url"],
            {
                "action": "snooze",
                "item": page.pk,
                "until": "2026-03-25",
                "note": "Igen",
            },
        )
        assert again.status_code == 400
    snooze = ReviewSnooze.objects.get()
    assert (snooze.cycle, snooze.until, snooze.reason) == (
        DUE,
        datetime.date(2026, 3, 20),
        "Semester",
    )
    # The ladder now counts from 20 March for this entry: no reminder on the
    # 8th for it (the other entry gets its reminder), due again on the 20th.
    mail.outbox.clear()
    with on(3, 8):
        digests_send()
    assert "SFI Tumba" not in mail.outbox[0].body.split("Bekräfta")[0]
    mail.outbox.clear()
    with on(3, 20):
        digests_send()
    assert "SFI Tumba" in mail.outbox[0].body
