"""Load the demo interventions (demo.interventions). Idempotent: an entry
whose external id exists is left alone."""

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from cms import services
from cms.models import (
    InterventionCategory,
    InterventionClosure,
    InterventionLocation,
    InterventionOpeningTime,
    InterventionPage,
    Language,
    OrganisationPage,
    Person,
)
from cms.reviews.dates import next_review_due
from demo.interventions import INTERVENTIONS

# Copied as they are from an entry onto the page.
PLAIN_FIELDS = (
    "external_id",
    "title",
    "summary",
    "description",
    "status",
    "eligibility",
    "min_age",
    "max_age",
    "establishment_programme",
    "delivery_mode",
    "schedule_note",
    "capacity",
    "how_to_apply",
    "cost_description",
    "exchange_terms",
    "places_for_others",
    "contact_email",
    "contact_phone",
    "review_interval_months",
)
# When an entry says nothing, it was first published this long before its
# last review.
PUBLISHED_BEFORE_REVIEW = datetime.timedelta(days=60)

_ASCII = str.maketrans("åäöéüÅÄÖÉÜ", "aaoeuAAOEU")


def _slug(title: str) -> str:
    return slugify(title.translate(_ASCII))


def _date(value) -> datetime.date | None:
    """An ISO date, or an int: that many days from today."""
    if value is None:
        return None
    if isinstance(value, int):
        return timezone.localdate() + datetime.timedelta(days=value)
    return datetime.date.fromisoformat(value)


def _time(value: str) -> datetime.time:
    return datetime.time.fromisoformat(value)


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _person(people: dict[str, Person], local_part, organisation) -> Person | None:
    if local_part is None:
        return None
    person = people[local_part]
    if person.organisation_id != organisation.pk:
        raise ValueError(f"{local_part} does not work at {organisation.slug}")
    return person


def _build(entry, organisation, organisations, people, categories):
    fields = {name: entry[name] for name in PLAIN_FIELDS if name in entry}
    page = InterventionPage(
        slug=_slug(entry["title"]),
        category=categories[entry["category"]],
        provider=organisations[entry["provider"]] if "provider" in entry else None,
        start_date=_date(entry.get("start_date")),
        end_date=_date(entry.get("end_date")),
        price_per_participant=_decimal(entry.get("price_per_participant")),
        responsible_owner=_person(people, entry.get("responsible_owner"), organisation),
        contact_person=_person(people, entry.get("contact_person"), organisation),
        **fields,
    )
    return page


def _attach(page, entry, organisations) -> None:
    """Set the many-to-many fields and child objects in memory; publishing
    writes them and puts them in the revision."""
    page.service_area.set(
        [organisations[slug] for slug in entry.get("service_area", [])]
    )
    page.languages.set(Language.objects.filter(code__in=entry.get("languages", [])))
    page.locations = [
        InterventionLocation(
            name=place["name"],
            street_address=place["street_address"],
            postal_code=place["postal_code"],
            city=place["city"],
            latitude=_decimal(place.get("latitude")),
            longitude=_decimal(place.get("longitude")),
        )
        for place in entry.get("locations", [])
    ]
    page.opening_times = [
        InterventionOpeningTime(
            weekday=weekday, opens=_time(opens), closes=_time(closes), note=note
        )
        for weekdays, opens, closes, note in entry.get("opening_times", [])
        for weekday in weekdays
    ]
    page.closures = [
        InterventionClosure(
            start_date=_date(closure["start_date"]),
            end_date=_date(closure["end_date"]),
            recurs_yearly=closure.get("recurs_yearly", False),
            reason=closure.get("reason", ""),
        )
        for closure in entry.get("closures", [])
    ]


def _backdate(page, entry) -> None:
    """Give the entry a history: when it was first published and reviewed.
    Written straight to the row, like a review, so no revision is made."""
    now = timezone.now()
    reviewed_days_ago = entry.get("reviewed_days_ago")
    published_days_ago = entry.get("published_days_ago")
    if published_days_ago is not None:
        first_published_at = now - datetime.timedelta(days=published_days_ago)
    elif reviewed_days_ago is not None:
        first_published_at = (
            now - datetime.timedelta(days=reviewed_days_ago) - PUBLISHED_BEFORE_REVIEW
        )
    else:
        first_published_at = None
    if first_published_at is not None:
        InterventionPage.objects.filter(pk=page.pk).update(
            first_published_at=first_published_at,
            next_review_due=next_review_due(
                last_reviewed_at=None,
                interval_months=page.review_interval_months,
                fallback=first_published_at,
            ),
        )
    if reviewed_days_ago is not None:
        services.interventions_mark_reviewed(
            pages=[page], when=now - datetime.timedelta(days=reviewed_days_ago)
        )


def interventions_seed(
    organisations: dict[str, OrganisationPage], people: dict[str, Person]
) -> int:
    """Create the demo interventions that do not exist yet; returns how many
    were created."""
    categories = {
        category.slug: category for category in InterventionCategory.objects.all()
    }
    existing = set(
        InterventionPage.objects.filter(
            external_id__in=[entry["external_id"] for entry in INTERVENTIONS]
        ).values_list("external_id", flat=True)
    )
    created = 0
    for entry in INTERVENTIONS:
        if entry["external_id"] in existing:
            continue
        organisation = organisations[entry["org"]]
        page = _build(entry, organisation, organisations, people, categories)
        organisation.add_child(instance=page)
        _attach(page, entry, organisations)
        page.save_revision().publish()
        _backdate(page, entry)
        created += 1
    return created
