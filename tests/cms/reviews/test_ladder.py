"""The ladder walked day by day over months with a frozen clock: exactly
which digests each person gets."""

import datetime

import pytest
import time_machine

from django.core import mail

from cms import services
from cms.models import InterventionPage, Reminder, ReviewDigest
from cms.reviews.sending import digests_send
from tests.cms.reviews.factories import intervention_due
from tests.factories import PersonFactory, stockholm

pytestmark = pytest.mark.django_db


def walk(start: datetime.date, end: datetime.date, *, on_day=None) -> dict:
    """Run the daily task at 06:30 every day; return {date: [(to, body)]}."""
    received = {}
    day = start
    while day <= end:
        with time_machine.travel(
            stockholm(day.year, day.month, day.day, 6, 30), tick=False
        ):
            if on_day:
                on_day(day)
            mail.outbox.clear()
            digests_send()
            if mail.outbox:
                received[day] = [(m.to[0], m.body) for m in mail.outbox]
        day += datetime.timedelta(days=1)
    return received


def d(month, day, year=2026):
    return datetime.date(year, month, day)


def test_one_entry_walks_the_whole_ladder(org_a, owner_a, coordinator_a):
    page = intervention_due(parent=org_a, owner=owner_a, due=d(3, 1), title="SFI Tumba")

    def review_on_april_2(day):
        if day == d(4, 2):
            services.interventions_mark_reviewed(
                pages=[InterventionPage.objects.get(pk=page.pk)],
                when=stockholm(2026, 4, 2, 9),
            )

    received = walk(d(1, 1), d(7, 10), on_day=review_on_april_2)

    assert sorted(received) == [
        d(2, 15),  # heads-up, 14 days before
        d(3, 1),  # due
        d(3, 8),  # reminder, 7 days overdue
        d(3, 15),  # 14 days overdue: owner and coordinator
        d(6, 18),  # new cycle after the review: heads-up (due 2 July)
        d(7, 2),  # due
        d(7, 9),  # reminder
    ]
    for day in received:
        recipients = [to for to, _body in received[day]]
        expected = ["elin@example.se"]
        if day == d(3, 15):
            expected = ["elin@example.se", "karin@example.se"]
        assert sorted(recipients) == expected, day
        for _to, body in received[day]:
            assert "SFI Tumba" in body
    assert "Hej Elin" in received[d(2, 15)][0][1]
    assert "Förfaller snart" in received[d(2, 15)][0][1]
    # Nothing at 30 days overdue (the report lists it); never unpublished.
    page.refresh_from_db()
    assert page.live
    steps = list(
        Reminder.objects.filter(recipient=owner_a)
        .order_by("pk")
        .values_list("step", "cycle")
    )
    assert steps == [
        ("heads_up", d(3, 1)),
        ("due", d(3, 1)),
        ("reminder", d(3, 1)),
        ("escalated", d(3, 1)),
        ("heads_up", d(7, 2)),
        ("due", d(7, 2)),
        ("reminder", d(7, 2)),
    ]


def sections(body: str) -> str:
    """The digest's lists, one line: "Heading: - A | - B"."""
    head = body.split("Bekräfta")[0].split("det tar en minut.")[1]
    return " ".join(line.strip() for line in head.splitlines() if line.strip())


def test_one_digest_per_person_and_weekly_cap(org_a, owner_a, coordinator_a):
    intervention_due(parent=org_a, owner=owner_a, due=d(3, 1), title="A")
    intervention_due(parent=org_a, owner=owner_a, due=d(3, 17), title="B")
    intervention_due(parent=org_a, owner=owner_a, due=d(3, 4), title="C")
    received = walk(d(2, 10), d(3, 20))
    got = [
        (day, to, sections(body))
        for day in sorted(received)
        for to, body in received[day]
    ]
    elin, karin = "elin@example.se", "karin@example.se"
    assert got == [
        (d(2, 15), elin, "Förfaller snart: - A (senast 2026-03-01)"),
        # C's heads-up (18 Feb) waits for the weekly cap.
        (d(2, 22), elin, "Förfaller snart: - C (senast 2026-03-04)"),
        # A falls due: something new, so the cap does not hold it back.
        (d(3, 1), elin, "Ska granskas nu: - A (senast 2026-03-01)"),
        # C falls due; B's heads-up (3 Mar) waited and comes along.
        (
            d(3, 4),
            elin,
            "Ska granskas nu: - C (senast 2026-03-04) "
            "Förfaller snart: - B (senast 2026-03-17)",
        ),
        # A's reminder (8 Mar) waits for the cap; C's reminder joins it.
        (
            d(3, 11),
            elin,
            "Försenad: - A (senast 2026-03-01) - C (senast 2026-03-04)",
        ),
        # 14 days overdue: the coordinator's first copy (new to her).
        (
            d(3, 15),
            karin,
            "Försenade insatser i din organisation (kopia till dig som "
            "samordnare): - A (senast 2026-03-01)",
        ),
        # B falls due; A's escalation step to the owner waited for it.
        (
            d(3, 17),
            elin,
            "Försenad: - A (senast 2026-03-01) "
            "Ska granskas nu: - B (senast 2026-03-17)",
        ),
        (
            d(3, 18),
            karin,
            "Försenade insatser i din organisation (kopia till dig som "
            "samordnare): - C (senast 2026-03-04)",
        ),
    ]


def test_repeated_run_sends_nothing_twice(org_a, owner_a, coordinator_a):
    intervention_due(parent=org_a, owner=owner_a, due=d(3, 1))
    with time_machine.travel(stockholm(2026, 3, 15, 6, 30), tick=False):
        assert digests_send() == 2  # owner and coordinator
        assert digests_send() == 0
        assert len(mail.outbox) == 2


def test_owner_without_account_gets_the_digest(org_a, coordinator_a):
    owner = PersonFactory(organisation=org_a, email="utan.konto@example.se")
    intervention_due(parent=org_a, owner=owner, due=d(3, 1))
    with time_machine.travel(stockholm(2026, 3, 1, 6, 30), tick=False):
        digests_send()
    assert [m.to for m in mail.outbox] == [["utan.konto@example.se"]]
    message = mail.outbox[0]
    assert message.alternatives[0][1] == "text/html"
    assert "/granskning/" in message.body
    assert message.extra_headers["Message-ID"] == ReviewDigest.objects.get().message_id


def test_digest_lists_coming_grant_report_deadlines(org_a, owner_a):
    from cms.models import ReportingDeadline
    from tests.factories import ProjectPageFactory, publish

    project = publish(
        ProjectPageFactory(
            parent=org_a,
            title="ESF Språkstöd",
            decision_date=datetime.date(2025, 9, 20),
        )
    )
    # The interim report is due 20 March 2026 (six months after the decision).
    ReportingDeadline.objects.filter(project=project).update(responsible=owner_a)
    intervention_due(parent=org_a, owner=owner_a, due=d(3, 1), title="SFI")
    with time_machine.travel(stockholm(2026, 3, 1, 6, 30), tick=False):
        digests_send()
    (message,) = mail.outbox
    assert "ESF Språkstöd: Delrapport (senast 2026-03-20)" in message.body
