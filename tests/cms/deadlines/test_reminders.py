"""Grant report deadlines remind on their own: day by day for a person who
owes no review, each offset once, the overdue escalation to the project
owner's central administrators, nothing twice."""

import datetime

import pytest
import time_machine

from django.core import mail

from cms.deadlines.services import deadline_reminders_send, deadline_step
from cms.deadlines.tasks import deadlines_send_reminders
from cms.models import DeadlineReminder, Reminder, ReportingDeadline
from tests.factories import (
    OrganisationPageFactory,
    PersonFactory,
    ProjectPageFactory,
    RegionPageFactory,
    central_admin_of,
    stockholm,
)

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 6, 15)


def on(day: datetime.date, hour=6):
    return time_machine.travel(
        stockholm(day.year, day.month, day.day, hour, 45), tick=False
    )


@pytest.fixture
def deadline(org_a):
    project = ProjectPageFactory(parent=org_a, title="Vägen in")
    person = PersonFactory(organisation=org_a, name="Lina Ek", email="lina@example.se")
    return ReportingDeadline.objects.create(
        project=project, kind="interim_report", due_on=DUE, responsible=person
    )


@pytest.fixture
def other_region_admin():
    # Another region's central administrator hears nothing of region A.
    other = RegionPageFactory(title="Norrort", slug="norrort", short_name="Norrort")
    OrganisationPageFactory(parent=other, title="Täby kommun", slug="taby")
    return central_admin_of(other, username="norrort_admin")


def test_day_by_day_each_offset_once_then_escalation(
    deadline, central_admin, other_region_admin
):
    sent_on = {}
    day = DUE - datetime.timedelta(days=40)
    while day <= DUE + datetime.timedelta(days=12):
        with on(day):
            before = len(mail.outbox)
            deadlines_send_reminders()  # the beat's call
            deadlines_send_reminders()  # a second run the same day: nothing
            with on(day, hour=18):
                deadline_reminders_send()
            new = mail.outbox[before:]
            if new:
                sent_on[(day - DUE).days] = [(m.to, m.subject) for m in new]
        day += datetime.timedelta(days=1)

    lina, admins = ["lina@example.se"], [central_admin.email]
    assert sent_on == {
        -30: [(lina, "Delrapport ska lämnas om 30 dagar: Vägen in")],
        -7: [(lina, "Delrapport ska lämnas om 7 dagar: Vägen in")],
        -1: [(lina, "Delrapport ska lämnas om 1 dag: Vägen in")],
        1: [
            (lina, "Delrapport försenad: Vägen in"),
            (admins, "Delrapport försenad: Vägen in (Botkyrka kommun)"),
        ],
    }
    assert other_region_admin.email not in {a for m in mail.outbox for a in m.to}
    # The person owes no review: no review reminder carried any of this.
    assert not Reminder.objects.exists()
    recorded = DeadlineReminder.objects.all()
    assert sorted(r.step for r in recorded) == ["1", "30", "7", "overdue"]
    assert all(r.sent_at is not None for r in recorded)

    first, escalation = mail.outbox[0], mail.outbox[-1]
    assert "Hej Lina Ek!" in first.body
    assert "Rapporten ska lämnas om 30 dagar." in first.body
    assert "Förfallodag: 15 juni 2026" in first.body
    assert f"/admin/pages/{deadline.project_id}/edit/" in first.body
    assert "centraladministratör för Södertörn" in escalation.body
    assert "Ansvarig: Lina Ek" in escalation.body


def test_done_deadline_stops_and_a_moved_date_starts_again(deadline, central_admin):
    with on(DUE - datetime.timedelta(days=7)):
        assert deadline_reminders_send() == 1
    # The funder gives two more weeks: the new date is reminded afresh.
    deadline.due_on = DUE + datetime.timedelta(days=14)
    deadline.save()
    with on(DUE + datetime.timedelta(days=7)):
        assert deadline_reminders_send() == 1
        assert deadline_reminders_send() == 0
    deadline.done_on = DUE + datetime.timedelta(days=8)
    deadline.save()
    for offset in range(8, 30):
        with on(DUE + datetime.timedelta(days=offset)):
            assert deadline_reminders_send() == 0


def test_nobody_responsible_goes_to_the_central_administrators(org_a, central_admin):
    project = ProjectPageFactory(parent=org_a, title="Utan ansvarig")
    ReportingDeadline.objects.create(project=project, kind="final_report", due_on=DUE)
    with on(DUE - datetime.timedelta(days=1)):
        assert deadline_reminders_send() == 1
    (message,) = mail.outbox
    assert message.to == [central_admin.email]
    assert "Ingen ansvarig" in message.body


def test_a_run_that_died_before_sending_sends_on_the_next_run(deadline, smtp_sink):
    with on(DUE - datetime.timedelta(days=7)):
        smtp_sink.stop()
        with pytest.raises(OSError):
            deadline_reminders_send()
        assert DeadlineReminder.objects.get().sent_at is None
        smtp_sink.start()
        assert deadline_reminders_send() == 1
        assert deadline_reminders_send() == 0
    (message,) = smtp_sink.wait_for(1)
    assert message["To"] == "lina@example.se"


@pytest.mark.parametrize(
    ("days_left", "step"),
    [
        (31, None),
        (30, "30"),
        (8, "30"),
        (7, "7"),
        (1, "1"),
        (0, "1"),
        (-1, "overdue"),
        (-7, "overdue"),
        (-8, None),
    ],
)
def test_the_step_reached(days_left, step):
    today = datetime.date(2026, 1, 1)
    due = today + datetime.timedelta(days=days_left)
    assert deadline_step(due_on=due, today=today) == step


def test_offsets_are_settable(settings, deadline):
    settings.SAMVERKAN_DEADLINES = {
        "REMIND_DAYS_BEFORE": [14],
        "ESCALATE_OVERDUE": False,
    }
    days = []
    for offset in range(-40, 10):
        with on(DUE + datetime.timedelta(days=offset)):
            if deadline_reminders_send():
                days.append(offset)
    assert days == [-14, 1]
    assert all(m.to == ["lina@example.se"] for m in mail.outbox)


def test_the_beat_runs_the_registered_task_daily(settings):
    from config.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["deadline-reminders-daily"]
    assert entry["task"] == deadlines_send_reminders.name
    assert entry["task"] in app.tasks
    assert entry["schedule"].hour == {6} and entry["schedule"].minute == {45}


def test_a_responsible_person_who_left_or_bounces_is_not_mailed(
    deadline, org_a, central_admin, smtp_sink
):
    from cms.models import PersonAbsence

    PersonAbsence.objects.create(
        person=deadline.responsible, reason="left", since=stockholm(2026, 1, 1)
    )
    with on(DUE - datetime.timedelta(days=7)):
        assert deadline_reminders_send() == 1
    (message,) = smtp_sink.wait_for(1)
    assert message["To"] == central_admin.email


def test_a_refused_address_does_not_hold_up_the_others(deadline, org_a, smtp_sink):
    other = ProjectPageFactory(parent=org_a, title="Nästa steg")
    ReportingDeadline.objects.create(
        project=other,
        kind="final_report",
        due_on=DUE,
        responsible=PersonFactory(organisation=org_a, email="ok@example.se"),
    )
    smtp_sink.refused_recipients.add("lina@example.se")
    with on(DUE - datetime.timedelta(days=7)):
        assert deadline_reminders_send() == 2
        assert deadline_reminders_send() == 0
    (message,) = smtp_sink.wait_for(1)
    assert message["To"] == "ok@example.se"
