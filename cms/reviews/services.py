"""Writes of the review routine: reviews, snoozes, absences."""

import contextlib
import contextvars
import datetime
import hashlib
import json

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.changes import payloads as change_payloads
from cms.changes.log import change_record
from cms.changes.version import content_version_bump
from cms.infra.enqueue import enqueue_after_commit, task
from cms.models import (
    AbsenceReason,
    InterventionPage,
    Person,
    PersonAbsence,
    ReviewEvent,
    ReviewMethod,
    ReviewSnooze,
)
from cms.reviews.dates import next_review_due
from cms.reviews.ladder import review_settings

# How the review that a page save records was made, when the caller knows
# better than "edited" (e.g. the import).
_review_method = contextvars.ContextVar("samverkan_review_method", default=None)

# Fields that change without the content changing (for a review, the
# review fields and the score derived from content too).
VOLATILE_FIELDS = change_payloads.VOLATILE_FIELDS | {
    "pk",
    "last_reviewed_at",
    "completeness",
}


@contextlib.contextmanager
def review_method(method: str):
    """Reviews recorded by page saves inside this block are of `method`."""
    token = _review_method.set(method)
    try:
        yield
    finally:
        _review_method.reset(token)


def intervention_content_hash(*, page: InterventionPage) -> str:
    """A hash of the content reviewed (not of review dates or page state)."""
    content = page.serializable_data()
    for name in VOLATILE_FIELDS:
        content.pop(name, None)
    encoded = json.dumps(content, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()


def review_record(
    *,
    page: InterventionPage,
    when: datetime.datetime,
    method: str,
    cycle: datetime.date | None,
    user=None,
    person: Person | None = None,
) -> ReviewEvent:
    return ReviewEvent.objects.create(
        intervention_id=page.pk,
        reviewed_at=when,
        method=method,
        user=user,
        person=person,
        content_hash=intervention_content_hash(page=page),
        cycle=cycle,
    )


def review_record_from_save(
    *, page: InterventionPage, previous_due: datetime.date | None
) -> ReviewEvent:
    """Called by InterventionPage.save when the save moved
    `last_reviewed_at` forward: the editor ticked "this save is a review",
    or the import set the review date."""
    method = _review_method.get() or ReviewMethod.EDITED
    user = None
    if page.live_revision_id and page.live_revision.user_id:
        user = page.live_revision.user
    person = getattr(user, "samverkan_person", None) if user else None
    return review_record(
        page=page,
        when=page.last_reviewed_at,
        method=method,
        cycle=previous_due,
        user=user,
        person=person,
    )


@transaction.atomic
def interventions_review(
    *,
    pages,
    method: str = ReviewMethod.CONFIRMED,
    user=None,
    person: Person | None = None,
    when: datetime.datetime | None = None,
) -> list[ReviewEvent]:
    """Record that the pages were reviewed: a review log entry each, and
    the review dates written straight to the rows (no new revision: the
    content did not change)."""
    when = when or timezone.now()
    if person is None and user is not None:
        person = Person.objects.filter(user=user).first()
    events = []
    for page in pages:
        previous_due = (
            InterventionPage.objects.filter(pk=page.pk)
            .values_list("next_review_due", flat=True)
            .first()
        )
        InterventionPage.objects.filter(pk=page.pk).update(
            last_reviewed_at=when,
            next_review_due=next_review_due(
                last_reviewed_at=when, interval_months=page.review_interval_months
            ),
        )
        events.append(
            review_record(
                page=page,
                when=when,
                method=method,
                cycle=previous_due,
                user=user,
                person=person,
            )
        )
        # The review date is public (the API's last_reviewed_at, HSDS's
        # assured_date): partners and the sync outbox hear of it.
        change_record(page=page)
    content_version_bump()
    transaction.on_commit(content_version_bump)
    return events


def intervention_snooze(
    *,
    page: InterventionPage,
    until: datetime.date,
    reason: str,
    person: Person | None = None,
    today: datetime.date | None = None,
) -> ReviewSnooze:
    """Put off the reminders of the current cycle until `until`, with a
    reason. Once per cycle, and at most SNOOZE_MAX_DAYS past the due date."""
    today = today or timezone.localdate()
    page.refresh_from_db(fields=["next_review_due"])
    cycle = page.next_review_due
    if cycle is None:
        raise ValidationError(_("This entry has no review date to snooze."))
    if not reason.strip():
        raise ValidationError(_("Give a reason for the snooze."))
    latest = max(cycle, today) + datetime.timedelta(
        days=review_settings()["SNOOZE_MAX_DAYS"]
    )
    if until <= max(cycle, today) or until > latest:
        raise ValidationError(
            _("Snooze to a date after %(start)s and no later than %(end)s.")
            % {"start": max(cycle, today).isoformat(), "end": latest.isoformat()}
        )
    try:
        with transaction.atomic():
            return ReviewSnooze.objects.create(
                intervention=page,
                cycle=cycle,
                until=until,
                reason=reason.strip(),
                person=person,
            )
    except IntegrityError as error:
        raise ValidationError(
            _("This review has already been snoozed once this cycle.")
        ) from error


def person_mark_absent(
    *,
    person: Person,
    reason: str = AbsenceReason.LEFT,
    when=None,
    hand_over: bool = True,
) -> PersonAbsence:
    """The person no longer answers for their entries (left, or their mail
    bounces): from now on their entries go to the coordinator and are listed
    as unowned. With `hand_over`, the coordinators are told at once."""
    absence, created = PersonAbsence.objects.get_or_create(
        person=person, defaults={"reason": reason, "since": when or timezone.now()}
    )
    if created and hand_over:
        absence_hand_over(absence=absence)
    return absence


def absence_hand_over(*, absence: PersonAbsence) -> None:
    """Once committed, send the coordinators of the absent person's entries
    their digest now (it lists the entries as theirs), not at the next run."""
    from cms.models import ReviewCoordinator

    paths = {
        path[: -InterventionPage.steplen]
        for path in InterventionPage.objects.filter(
            responsible_owner_id=absence.person_id
        ).values_list("path", flat=True)
    }
    coordinator_ids = list(
        ReviewCoordinator.objects.filter(organisation__path__in=paths).values_list(
            "person_id", flat=True
        )
    )
    if coordinator_ids:
        enqueue_after_commit(
            lambda: task("cms.reviews.tasks.reviews_send_digests").delay(
                person_ids=coordinator_ids
            ),
            what="the absent person's coordinators' digests",
        )


def person_mark_present(*, person: Person) -> None:
    PersonAbsence.objects.filter(person=person).delete()
