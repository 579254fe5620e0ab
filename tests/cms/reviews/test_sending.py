"""Crashes, bounces and orphans, over a real SMTP server."""

import datetime

import pytest
import time_machine

from cms.models import PersonAbsence, Reminder, ReviewDigest
from cms.reviews.digests import digests_compute
from cms.reviews.selectors import interventions_unowned
from cms.reviews.sending import digests_send
from cms.reviews.services import person_mark_absent
from tests.cms.reviews.factories import intervention_due
from tests.factories import PersonFactory, stockholm

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 3, 1)


def on(day, hour=6):
    return time_machine.travel(stockholm(2026, 3, day, hour, 30), tick=False)


@pytest.fixture
def three_owners(org_a, coordinator_a):
    owners = [
        PersonFactory(organisation=org_a, name=f"Ägare {n}", email=f"o{n}@example.se")
        for n in range(3)
    ]
    for owner in owners:
        intervention_due(
            parent=org_a, owner=owner, due=DUE, title=f"Insats {owner.name}"
        )
    return owners


def test_a_run_killed_midway_loses_nothing_and_doubles_at_most_one(
    smtp_sink, three_owners
):
    with on(1):
        smtp_sink.stop()  # the mail server goes down: the run dies at the first send
        with pytest.raises(OSError):
            digests_send()
        in_flight = ReviewDigest.objects.get()
        assert in_flight.sent_at is None
        smtp_sink.start()
        assert digests_send() == 3
        assert digests_send() == 0
    messages = smtp_sink.wait_for(3)
    assert sorted(m["To"] for m in messages) == [f"o{n}@example.se" for n in range(3)]
    assert in_flight.message_id in {m["Message-ID"] for m in messages}
    assert len({m["Message-ID"] for m in messages}) == 3
    assert Reminder.objects.count() == 3


def test_a_bounce_makes_orphans_that_go_to_the_coordinator(
    smtp_sink, three_owners, coordinator_a
):
    smtp_sink.refused_recipients.add("o0@example.se")
    with on(1):
        assert digests_send() == 3  # o1, o2, then the coordinator
    absence = PersonAbsence.objects.get()
    assert absence.person == three_owners[0] and absence.reason == "bounced"
    messages = smtp_sink.wait_for(3)
    to_coordinator = [m for m in messages if m["To"] == "karin@example.se"]
    assert len(to_coordinator) == 1
    text = to_coordinator[0].get_body(("plain",)).get_content()
    assert "Insatser utan ansvarig" in text and "Insats Ägare 0" in text
    assert [p.title for p in interventions_unowned()] == ["Insats Ägare 0"]


def test_owner_who_left_goes_to_coordinator_at_once(
    org_a, coordinator_a, smtp_sink, django_capture_on_commit_callbacks
):
    owner = PersonFactory(organisation=org_a, email="slutat@example.se")
    # Not due for months: handed over all the same, at once.
    intervention_due(
        parent=org_a, owner=owner, due=datetime.date(2026, 9, 1), title="Läxhjälp"
    )
    with on(2):
        assert digests_send() == 0
        with django_capture_on_commit_callbacks(execute=True):
            person_mark_absent(person=owner)
        assert ReviewDigest.objects.get().recipient == coordinator_a
        assert digests_send() == 0
    # The orphan notice is not planned again on later days, so it cannot
    # block the coordinator's other reminders.
    with on(20):
        assert digests_compute(today=datetime.date(2026, 3, 20)) == []
    (message,) = smtp_sink.wait_for(1)
    assert message["To"] == "karin@example.se"
    assert "Läxhjälp" in message.get_body(("plain",)).get_content()


def test_deactivated_account_counts_as_gone(org_a, coordinator_a, editor_a):
    owner = PersonFactory(organisation=org_a, email="konto@example.se", user=editor_a)
    intervention_due(parent=org_a, owner=owner, due=DUE, title="SFI")
    editor_a.is_active = False
    editor_a.save()
    assert [p.title for p in interventions_unowned()] == ["SFI"]
