"""Benchmark: computing every person's review digest for one daily run.

100,000 live interventions, 5,000 owners in 20 organisations, due dates
spread over four months around today, a fifth of the owners already
reminded this cycle, some snoozes and absent owners. In one run:
(a) `ours`: seconds for cms.reviews.digests.digests_compute (everybody's
    digest, weekly cap applied) and its number of SQL queries, measured at
    10,000 and at 100,000 interventions (the count must not grow);
(b) `peer`: the naive loop an ORM user writes first: for every entry within
    the ladder's horizon, load its owner, absence, coordinator, snooze and
    reminders one query at a time. It is run on a sample of SAMPLE entries
    and scaled linearly to the full set (`peer_sampled`); running it in full
    takes minutes and adds nothing.

Data are built with bulk inserts (pages straight into the tree tables).
Uses DATABASE_URL when set (scripts/with-services.sh), else a throw-away
SQLite file. The last line printed is the JSON result.

Run: scripts/with-services.sh .venv/bin/python benchmarks/reminders.py
"""

import datetime
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

INTERVENTIONS = int(os.environ.get("REMINDERS_BENCH_COUNT", "100000"))
OWNERS = int(os.environ.get("REMINDERS_BENCH_OWNERS", "5000"))
ORGANISATIONS = 20
SAMPLE = int(os.environ.get("REMINDERS_BENCH_SAMPLE", "5000"))


def _setup() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="reminders-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ.setdefault("SAMVERKAN_VAR_DIR", str(tmp / "var"))
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _build_structure():
    from cms.models import OrganisationPage, Person, ReviewCoordinator
    from tests.factories import OrganisationPageFactory, RegionPageFactory

    region = RegionPageFactory(title="Bänkregion", slug="bankregion", short_name="B")
    organisations = [
        OrganisationPageFactory(parent=region, title=f"Kommun {n}", slug=f"kommun-{n}")
        for n in range(ORGANISATIONS)
    ]
    people = Person.objects.bulk_create(
        [
            Person(
                organisation=organisations[n % ORGANISATIONS],
                name=f"Ägare {n}",
                email=f"agare{n}@example.se",
            )
            for n in range(OWNERS)
        ]
    )
    for organisation in organisations:
        coordinator = Person.objects.create(
            organisation=organisation,
            name=f"Samordnare {organisation.slug}",
            email=f"samordnare.{organisation.slug}@example.se",
        )
        ReviewCoordinator.objects.create(organisation=organisation, person=coordinator)
    organisations = list(
        OrganisationPage.objects.filter(pk__in=[o.pk for o in organisations])
    )
    return organisations, people


def _add_interventions(organisations, people, start: int, stop: int, today) -> None:
    """Insert interventions start..stop-1 straight into the page tables."""
    from cms.models import InterventionCategory, InterventionPage
    from tests.bulk_pages import interventions_bulk_insert

    rng = random.Random(start)
    category = InterventionCategory.objects.first()
    by_org = {
        o.pk: [p for p in people if p.organisation_id == o.pk] for o in organisations
    }
    rows = []
    for n in range(start, stop):
        organisation = organisations[n % ORGANISATIONS]
        due = today + datetime.timedelta(days=rng.randint(-60, 60))
        rows.append(
            (
                organisation,
                InterventionPage(
                    title=f"Insats {n}",
                    slug=f"insats-{n}",
                    summary="Kort sammanfattning.",
                    category=category,
                    responsible_owner=rng.choice(by_org[organisation.pk]),
                    contact_email="kontakt@example.se",
                    next_review_due=due,
                    completeness=rng.choice((45, 70, 90, 100)),
                ),
            )
        )
    interventions_bulk_insert(rows)
    for organisation in organisations:
        organisation.refresh_from_db(fields=["numchild"])


def _add_history(today) -> None:
    """A fifth of the owners were reminded a few days ago; a few snoozes and
    absent owners."""
    from django.utils import timezone

    from cms.models import (
        InterventionPage,
        Person,
        PersonAbsence,
        Reminder,
        ReviewDigest,
        ReviewSnooze,
    )

    rng = random.Random(7)
    horizon = today + datetime.timedelta(days=14)
    entries = list(
        InterventionPage.objects.filter(next_review_due__lte=horizon).values_list(
            "pk", "responsible_owner_id", "next_review_due"
        )
    )
    owners = sorted({owner for _pk, owner, _due in entries})
    reminded = set(owners[: len(owners) // 5])
    sent = timezone.now() - datetime.timedelta(days=3)
    digests = ReviewDigest.objects.bulk_create(
        [
            ReviewDigest(
                recipient_id=owner,
                email=f"{owner}@example.se",
                message_id=f"<bench-{owner}@example.se>",
                created_at=sent,
                sent_at=sent,
            )
            for owner in reminded
        ]
    )
    digest_of = {d.recipient_id: d.pk for d in digests}
    Reminder.objects.bulk_create(
        [
            Reminder(
                digest_id=digest_of[owner],
                recipient_id=owner,
                intervention_id=pk,
                step="heads_up",
                cycle=due,
            )
            for pk, owner, due in entries
            if owner in reminded
        ],
        batch_size=5000,
    )
    ReviewSnooze.objects.bulk_create(
        [
            ReviewSnooze(
                intervention_id=pk,
                cycle=due,
                until=max(due, today) + datetime.timedelta(days=20),
                reason="Semester",
            )
            for pk, _owner, due in rng.sample(entries, len(entries) // 50)
        ]
    )
    PersonAbsence.objects.bulk_create(
        [
            PersonAbsence(person=person, reason="left", since=sent)
            for person in Person.objects.filter(pk__in=rng.sample(owners, 50))
        ]
    )


class QueryCounter:
    """Counts the SQL statements run (a connection execute wrapper)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def _ours(today):
    from django.db import connection

    from cms.reviews.digests import digests_compute

    queries = QueryCounter()
    with connection.execute_wrapper(queries):
        started = time.perf_counter()
        digests = digests_compute(today=today)
        seconds = time.perf_counter() - started
    return seconds, queries.count, digests


def _naive(today, sample: int):
    """The peer: one entry at a time, related rows fetched per entry."""
    from django.db import connection

    from cms.models import (
        InterventionPage,
        PersonAbsence,
        Reminder,
        ReviewCoordinator,
        ReviewSnooze,
    )
    from cms.reviews.ladder import ladder, step_reached

    steps = ladder()
    horizon = today + datetime.timedelta(days=14)
    entries = InterventionPage.objects.live().filter(next_review_due__lte=horizon)
    total = entries.count()
    digests = {}
    queries = QueryCounter()
    with connection.execute_wrapper(queries):
        started = time.perf_counter()
        for page in entries.order_by("pk")[:sample]:
            owner = page.responsible_owner
            gone = owner is None or PersonAbsence.objects.filter(person=owner).exists()
            organisation = page.get_parent()
            coordinator = (
                ReviewCoordinator.objects.filter(organisation_id=organisation.pk)
                .select_related("person")
                .first()
            )
            snooze = ReviewSnooze.objects.filter(
                intervention=page, cycle=page.next_review_due
            ).first()
            due = snooze.until if snooze else page.next_review_due
            step = step_reached(due=due, today=today, steps=steps)
            if step is None:
                continue
            recipient = coordinator.person if gone and coordinator else owner
            told = Reminder.objects.filter(
                recipient=recipient, intervention=page, cycle=page.next_review_due
            ).values_list("step", flat=True)
            if step.name not in set(told):
                digests.setdefault(recipient.pk, []).append((page.pk, step.name))
        seconds = time.perf_counter() - started
    done = min(sample, total)
    return seconds, queries.count, done, total


def main() -> None:
    _setup()
    from django.conf import settings
    from django.utils import timezone

    settings.DEBUG = False
    today = timezone.localdate()
    t0 = time.perf_counter()
    organisations, people = _build_structure()
    small = INTERVENTIONS // 10
    _add_interventions(organisations, people, 0, small, today)
    _add_history(today)
    _seconds, small_queries, _digests = _ours(today)
    _add_interventions(organisations, people, small, INTERVENTIONS, today)
    from cms.models import PersonAbsence, Reminder, ReviewDigest, ReviewSnooze

    for model in (Reminder, ReviewDigest, ReviewSnooze, PersonAbsence):
        model.objects.all().delete()
    _add_history(today)
    build_seconds = time.perf_counter() - t0
    print(  # noqa: T201
        f"built {INTERVENTIONS} interventions in {build_seconds:.1f} s", file=sys.stderr
    )

    _ours(today)  # warm-up
    runs = [_ours(today) for _n in range(3)]
    ours_seconds = min(run[0] for run in runs)
    ours_queries = runs[0][1]
    digests = runs[0][2]
    peer_seconds, peer_queries, done, total = _naive(today, SAMPLE)
    peer_full = peer_seconds * total / done if done else 0.0
    result = {
        "benchmark": "reminders",
        "ours": round(ours_seconds, 3),
        "peer": round(peer_full, 3),
        "unit": "s per daily digest computation",
        "ratio": round(peer_full / ours_seconds, 1) if ours_seconds else None,
        "interventions": INTERVENTIONS,
        "owners": OWNERS,
        "entries_in_horizon": total,
        "digests": len(digests),
        "reminders": sum(len(d.reminders) for d in digests),
        "ours_queries": ours_queries,
        "ours_queries_at_10_percent": small_queries,
        "peer_queries_per_entry": round(peer_queries / done, 2) if done else None,
        "peer_sampled": done < total,
        "peer_sample": done,
        "database": os.environ["DATABASE_URL"].split(":", 1)[0],
        "target_s": 5,
    }
    print(json.dumps(result))  # noqa: T201


if __name__ == "__main__":
    main()
