"""The daily deadline reminders, each sent exactly once.

A reminder is recorded (unique per deadline, due date and step) before its
e-mail goes out, and marked sent afterwards; a run that dies in between
leaves it unsent, and the next run sends it then. The responsible person is
reminded at the settable offsets before the due date and on the day after
it (overdue), when the central administrators of the project owner's region
are told too. Whether the person owes any review does not matter."""

import datetime
import logging
import smtplib

from django.db import IntegrityError, transaction
from django.utils import timezone

from cms.content.dates import run_moment
from cms.deadlines.conf import deadline_settings, remind_days_before
from cms.deadlines.emails import deadline_messages
from cms.deadlines.selectors import central_admin_emails, deadlines_open, region_of
from cms.models import DeadlineReminder, PersonAbsence

logger = logging.getLogger(__name__)


def deadline_step(*, due_on: datetime.date, today: datetime.date) -> str | None:
    """The step a deadline has reached today: the latest offset whose day
    has come ("30", "7", "1"), "overdue" after the due date, or None."""
    days_left = (due_on - today).days
    if days_left < 0:
        if -days_left > deadline_settings()["OVERDUE_CATCH_UP_DAYS"]:
            return None
        return DeadlineReminder.OVERDUE
    reached = [day for day in remind_days_before() if days_left <= day]
    return str(min(reached)) if reached else None


def person_reachable(person) -> bool:
    """The person has an address that is not known to bounce, and has not
    left (as the review routine records it)."""
    if person is None or not person.email:
        return False
    return not PersonAbsence.objects.filter(person=person).exists()


def deadline_reminder_record(
    *, deadline, step: str, now: datetime.datetime
) -> DeadlineReminder | None:
    """Record the reminder with its recipients, or None if there is nobody
    to tell or another run recorded it already."""
    responsible = deadline.responsible
    recipients = [responsible.email] if person_reachable(responsible) else []
    escalated_to = []
    overdue = step == DeadlineReminder.OVERDUE
    if (overdue and deadline_settings()["ESCALATE_OVERDUE"]) or not recipients:
        # Overdue, or nobody responsible: the region's central administrators.
        escalated_to = [
            email
            for email in central_admin_emails(region=region_of(deadline.project))
            if email not in recipients
        ]
    if not recipients and not escalated_to:
        return None
    try:
        with transaction.atomic():
            return DeadlineReminder.objects.create(
                deadline=deadline,
                due_on=deadline.due_on,
                step=step,
                recipients="\n".join(recipients),
                escalated_to="\n".join(escalated_to),
                created_at=now,
            )
    except IntegrityError:
        return None


def deadline_reminder_deliver(*, reminder: DeadlineReminder, now) -> bool:
    """Send a recorded reminder, holding its row locked so that an
    overlapping run cannot send it too. False if it is sent or being sent."""
    with transaction.atomic():
        locked = (
            DeadlineReminder.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk=reminder.pk, sent_at__isnull=True)
            .select_related("deadline__project", "deadline__responsible")
            .first()
        )
        if locked is None:
            return False
        for message in deadline_messages(reminder=locked):
            try:
                message.send()
            except smtplib.SMTPRecipientsRefused:
                # One refused address must not hold up every other reminder.
                logger.warning("Deadline reminder %s refused", locked.pk)
        DeadlineReminder.objects.filter(pk=locked.pk).update(sent_at=now)
    return True


def deadline_reminders_send(*, today: datetime.date | None = None) -> int:
    """The daily run: finish reminders left in flight, then record and send
    today's. Returns the number of reminders sent."""
    now = run_moment(today)
    today = timezone.localdate(now)
    sent = 0
    for reminder in DeadlineReminder.objects.filter(sent_at__isnull=True).order_by(
        "pk"
    ):
        sent += deadline_reminder_deliver(reminder=reminder, now=now)
    offsets = remind_days_before()
    catch_up = deadline_settings()["OVERDUE_CATCH_UP_DAYS"]
    for deadline in deadlines_open(
        first=today - datetime.timedelta(days=catch_up),
        last=today + datetime.timedelta(days=max(offsets, default=0)),
    ):
        step = deadline_step(due_on=deadline.due_on, today=today)
        if (
            step is None
            or deadline.reminders.filter(due_on=deadline.due_on, step=step).exists()
        ):
            continue
        reminder = deadline_reminder_record(deadline=deadline, step=step, now=now)
        if reminder is not None:
            sent += deadline_reminder_deliver(reminder=reminder, now=now)
    if sent:
        logger.info("Sent %s deadline reminders", sent)
    return sent
