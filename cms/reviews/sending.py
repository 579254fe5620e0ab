"""Sending the daily digests, exactly once each.

Each digest and its reminders are committed before the e-mail goes out; the
unique reminder (recipient, intervention, step, cycle) stops a second run
from planning the same thing. A digest whose sending did not finish (crash,
mail server down) has no `sent_at` and is sent again by the next run with
the same Message-ID, so at most that one message can arrive twice."""

import datetime
import logging
import smtplib
from email.utils import make_msgid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from cms.content.dates import run_moment
from cms.models import AbsenceReason, Person, Reminder, ReviewDigest
from cms.reviews.digests import PlannedDigest, digests_compute
from cms.reviews.emails import digest_message
from cms.reviews.services import person_mark_absent

logger = logging.getLogger(__name__)


def _message_domain() -> str:
    sender = settings.DEFAULT_FROM_EMAIL
    domain = sender.rsplit("@", 1)[-1].strip(" >") if "@" in sender else ""
    return domain or "samverkan.localhost"


@transaction.atomic
def digest_record(*, plan: PlannedDigest, now: datetime.datetime) -> ReviewDigest:
    """Store the digest and its reminders (before sending). Raises
    IntegrityError if another run already recorded one of the reminders."""
    digest = ReviewDigest.objects.create(
        recipient_id=plan.person_id,
        email=plan.email,
        message_id=make_msgid(idstring="review", domain=_message_domain()),
        created_at=now,
        breaks_cap=plan.breaks_cap,
    )
    Reminder.objects.bulk_create(
        [
            Reminder(
                digest=digest,
                recipient_id=plan.person_id,
                intervention_id=item.intervention_id,
                step=item.step,
                cycle=item.cycle,
                as_coordinator=item.as_coordinator,
            )
            for item in plan.reminders
        ]
    )
    return digest


SENT, BOUNCED, SKIPPED = "sent", "bounced", "skipped"


def digest_deliver(*, digest: ReviewDigest, now: datetime.datetime) -> str:
    """Send one recorded digest, holding its row locked so that an
    overlapping run cannot send it too (SKIPPED if another run is sending or
    sent it). A refused address marks the person as bounced (their entries
    become orphans) and drops the digest, so its reminders go to the
    coordinator instead (BOUNCED). If sending fails otherwise, nothing is
    marked and the next run sends it again with the same Message-ID."""
    with transaction.atomic():
        locked = (
            ReviewDigest.objects.select_for_update(skip_locked=True)
            .filter(pk=digest.pk, sent_at__isnull=True)
            .first()
        )
        if locked is None:
            return SKIPPED
        try:
            digest_message(locked).send()
        except smtplib.SMTPRecipientsRefused:
            logger.warning("Review digest refused for person %s", locked.recipient_id)
            person_mark_absent(
                person=Person.objects.get(pk=locked.recipient_id),
                reason=AbsenceReason.BOUNCED,
                hand_over=False,  # the run plans again for the coordinators
            )
            locked.delete()
            return BOUNCED
        ReviewDigest.objects.filter(pk=locked.pk).update(sent_at=now)
        return SENT


def digests_send(
    *,
    today: datetime.date | None = None,
    person_ids: set[int] | None = None,
) -> int:
    """The daily run: first finish digests left in flight, then plan, record
    and send today's. Returns the number of digests sent."""
    now = run_moment(today)
    today = timezone.localdate(now)
    sent = 0
    for digest in ReviewDigest.objects.filter(sent_at__isnull=True).order_by("pk"):
        sent += digest_deliver(digest=digest, now=now) == SENT
    # A bounce turns entries into orphans: plan once more for the coordinators.
    for _round in range(2):
        bounced = False
        for plan in digests_compute(today=today, person_ids=person_ids):
            try:
                digest = digest_record(plan=plan, now=now)
            except IntegrityError:  # another run got there first
                logger.info("Review digest for %s already recorded", plan.person_id)
                continue
            outcome = digest_deliver(digest=digest, now=now)
            sent += outcome == SENT
            bounced = bounced or outcome == BOUNCED
        if not bounced:
            break
    return sent
