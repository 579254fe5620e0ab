"""Who is owed which reminder today: each person's digest, computed for
everybody in a fixed number of queries (however many interventions).

Rules (README, "For the strategist"):
- An entry's cycle is its due date (`next_review_due`); a snooze moves the
  date the ladder counts from, not the cycle.
- The responsible owner is told at the latest ladder step reached that
  notifies owners, once per step and cycle; a later step supersedes the
  earlier ones not yet sent. The coordinator gets a copy from the first
  step that notifies coordinators.
- Owners who left, bounce, have a deactivated account or no e-mail, and
  entries without an owner, are orphans: the coordinator answers for them
  and is told once ("orphaned"), then follows the ladder as the owner.
- A person gets at most one digest a run and none within WEEKLY_CAP_DAYS of
  the last, unless something is new to them and due (or orphaned).
- Incomplete entries are listed in a digest that is sent anyway; they never
  cause one on their own (that would be a weekly mail forever)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from cms.languages import SOURCE_LANGUAGE
from cms.models import (
    InterventionPage,
    InterventionStatus,
    Reminder,
    ReminderStep,
    ReviewCoordinator,
    ReviewDigest,
    ReviewSnooze,
)
from cms.reviews.ladder import Step, ladder, review_settings, step_reached

# Entries never scheduled (no due date) use this cycle for orphan notices.
NO_CYCLE = datetime.date(1970, 1, 1)


@dataclass
class PlannedReminder:
    intervention_id: int
    title: str
    step: str
    cycle: datetime.date
    effective_due: datetime.date | None
    as_coordinator: bool = False
    new: bool = False


@dataclass
class PlannedDigest:
    person_id: int
    name: str
    email: str
    reminders: list[PlannedReminder] = field(default_factory=list)

    @property
    def breaks_cap(self) -> bool:
        return any(reminder.new for reminder in self.reminders)


@dataclass(frozen=True)
class _Person:
    id: int
    name: str
    email: str
    present: bool


def _entries(*, horizon: datetime.date):
    """Live, not ended entries that reached a step, or whose owner is gone."""
    orphaned = (
        Q(responsible_owner__isnull=True)
        | Q(responsible_owner__review_absence__isnull=False)
        | Q(responsible_owner__user__is_active=False)
        | Q(responsible_owner__email="")
    )
    return (
        InterventionPage.objects.live()
        .filter(locale__language_code=SOURCE_LANGUAGE)
        .exclude(status=InterventionStatus.ENDED)
        .filter(Q(next_review_due__lte=horizon) | orphaned)
        .values(
            "pk",
            "title",
            "path",
            "depth",
            "next_review_due",
            "responsible_owner_id",
            "responsible_owner__name",
            "responsible_owner__email",
            "responsible_owner__review_absence__id",
            "responsible_owner__user_id",
            "responsible_owner__user__is_active",
        )
        .order_by("next_review_due", "pk")
    )


def _owner(entry) -> _Person | None:
    if entry["responsible_owner_id"] is None:
        return None
    present = (
        entry["responsible_owner__review_absence__id"] is None
        and entry["responsible_owner__user__is_active"] is not False
        and bool(entry["responsible_owner__email"])
    )
    return _Person(
        id=entry["responsible_owner_id"],
        name=entry["responsible_owner__name"],
        email=entry["responsible_owner__email"],
        present=present,
    )


def coordinators_by_organisation_path() -> dict[str, _Person]:
    """The coordinator of each organisation, keyed by the organisation's
    tree path (an entry's path starts with it). One query."""
    rows = ReviewCoordinator.objects.values(
        "organisation__path",
        "person_id",
        "person__name",
        "person__email",
        "person__review_absence__id",
    )
    return {
        row["organisation__path"]: _Person(
            id=row["person_id"],
            name=row["person__name"],
            email=row["person__email"],
            present=row["person__review_absence__id"] is None
            and bool(row["person__email"]),
        )
        for row in rows
    }


def _recorded_ranks(*, oldest: datetime.date, ranks):
    """(recipient, intervention, cycle) -> highest ladder rank told, and the
    set of (recipient, intervention, cycle) told anything, for the cycles
    still current (none is older than the oldest due date). One query."""
    highest = {}
    told = set()
    rows = Reminder.objects.filter(
        Q(cycle__gte=oldest) | Q(cycle=NO_CYCLE)
    ).values_list("recipient_id", "intervention_id", "cycle", "step")
    for recipient_id, intervention_id, cycle, step in rows:
        key = (recipient_id, intervention_id, cycle)
        told.add(key)
        if step in ranks:
            highest[key] = max(highest.get(key, -1), ranks[step])
    return highest, told


def _capped(*, today: datetime.date) -> set[int]:
    """People who got a digest within the weekly cap. One query."""
    days = review_settings()["WEEKLY_CAP_DAYS"]
    since = today - datetime.timedelta(days=days - 1)
    return set(
        ReviewDigest.objects.filter(sent_at__date__gte=since)
        .values_list("recipient_id", flat=True)
        .distinct()
    )


def _latest_notifying(steps: list[Step], reached: Step | None, who: str):
    if reached is None:
        return None
    candidates = [s for s in steps if s.rank <= reached.rank and who in s.notify]
    return candidates[-1] if candidates else None


def digests_compute(
    *, today: datetime.date, person_ids: set[int] | None = None
) -> list[PlannedDigest]:
    """Everybody's digest for today's run (only people owed something; the
    weekly cap applied). Five queries whatever the volume."""
    steps = ladder()
    ranks = {step.name: step.rank for step in steps}
    first_day = min(step.days for step in steps)
    horizon = today - datetime.timedelta(days=first_day)

    entries = list(_entries(horizon=horizon))
    if not entries:
        return []
    coordinators = coordinators_by_organisation_path()
    snoozes = {
        (row["intervention_id"], row["cycle"]): row["until"]
        for row in ReviewSnooze.objects.filter(cycle__lte=horizon).values(
            "intervention_id", "cycle", "until"
        )
    }
    dues = [e["next_review_due"] for e in entries if e["next_review_due"]]
    oldest = min(dues, default=NO_CYCLE)
    highest, told = _recorded_ranks(oldest=oldest, ranks=ranks)
    # "Something new falls due": a recipient hears for the first time in the
    # cycle that an entry is due (not merely coming up).
    due_rank = min((s.rank for s in steps if s.days >= 0), default=len(steps))
    capped = _capped(today=today)

    digests: dict[int, PlannedDigest] = {}

    def add(person: _Person, reminder: PlannedReminder):
        if person_ids is not None and person.id not in person_ids:
            return
        digest = digests.get(person.id)
        if digest is None:
            digest = digests[person.id] = PlannedDigest(
                person_id=person.id, name=person.name, email=person.email
            )
        digest.reminders.append(reminder)

    def owed(person: _Person, entry, cycle, step: Step | None) -> bool:
        if step is None:
            return False
        key = (person.id, entry["pk"], cycle)
        return highest.get(key, -1) < step.rank

    for entry in entries:
        org_path = entry["path"][: -InterventionPage.steplen]
        coordinator = coordinators.get(org_path)
        if coordinator is not None and not coordinator.present:
            coordinator = None
        cycle = entry["next_review_due"] or NO_CYCLE
        effective = snoozes.get((entry["pk"], cycle), entry["next_review_due"])
        reached = (
            step_reached(due=effective, today=today, steps=steps) if effective else None
        )
        owner = _owner(entry)
        orphan = owner is None or not owner.present
        responsible = coordinator if orphan else owner

        if orphan and coordinator is not None:
            key = (coordinator.id, entry["pk"], cycle)
            if key not in told:
                add(
                    coordinator,
                    PlannedReminder(
                        entry["pk"],
                        entry["title"],
                        ReminderStep.ORPHANED,
                        cycle,
                        effective,
                        as_coordinator=True,
                        new=True,
                    ),
                )
        if responsible is None:
            continue
        owner_step = _latest_notifying(steps, reached, "owner")
        if owner_step and owed(responsible, entry, cycle, owner_step):
            key = (responsible.id, entry["pk"], cycle)
            add(
                responsible,
                PlannedReminder(
                    entry["pk"],
                    entry["title"],
                    owner_step.name,
                    cycle,
                    effective,
                    as_coordinator=orphan,
                    new=owner_step.days >= 0 and highest.get(key, -1) < due_rank,
                ),
            )
        coord_step = _latest_notifying(steps, reached, "coordinator")
        if (
            coord_step
            and coordinator is not None
            and not orphan
            and owed(coordinator, entry, cycle, coord_step)
        ):
            key = (coordinator.id, entry["pk"], cycle)
            add(
                coordinator,
                PlannedReminder(
                    entry["pk"],
                    entry["title"],
                    coord_step.name,
                    cycle,
                    effective,
                    as_coordinator=True,
                    new=key not in told,
                ),
            )

    return [
        digest
        for digest in digests.values()
        if digest.reminders
        and (digest.person_id not in capped or digest.breaks_cap)
        and digest.email
    ]


def incomplete_by_person(*, person_ids, threshold: int = 100) -> dict[int, list]:
    """Each person's live entries below `threshold` completeness. One query."""
    result = defaultdict(list)
    rows = (
        InterventionPage.objects.live()
        .filter(locale__language_code=SOURCE_LANGUAGE)
        .exclude(status=InterventionStatus.ENDED)
        .filter(responsible_owner_id__in=list(person_ids), completeness__lt=threshold)
        .order_by("completeness", "title")
        .values("pk", "title", "completeness", "responsible_owner_id")
    )
    for row in rows:
        result[row["responsible_owner_id"]].append(row)
    return result
