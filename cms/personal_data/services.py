"""Export and erasure of the personal data of people and suggesters."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import (
    GroupMembership,
    InterventionPage,
    Person,
    ReportingDeadline,
    ReviewCoordinator,
    Suggester,
)
from cms.personal_data.conf import personal_data_setting


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def person_export(*, person: Person) -> dict:
    """Everything we hold about the person, and where they are named."""
    seats = GroupMembership.objects.filter(person=person).select_related("group")
    owned = InterventionPage.objects.filter(responsible_owner=person)
    contact = InterventionPage.objects.filter(contact_person=person)
    deadlines = ReportingDeadline.objects.filter(responsible=person)
    return {
        "name": person.name,
        "title": person.title,
        "email": person.email,
        "phone": person.phone,
        "email_and_phone_public": person.is_public,
        "organisation": person.organisation.title,
        "cms_account": person.user.get_username() if person.user else None,
        "created_at": _iso(person.created_at),
        "updated_at": _iso(person.updated_at),
        "groups": [
            {
                "group": seat.group.name,
                "role": seat.role,
                "since": _iso(seat.since),
                "until": _iso(seat.until),
            }
            for seat in seats.order_by("pk")
        ],
        "responsible_for_interventions": [page.title for page in owned.order_by("pk")],
        "contact_for_interventions": [page.title for page in contact.order_by("pk")],
        "responsible_for_deadlines": [
            _deadline_name(deadline)
            for deadline in deadlines.select_related("project").order_by("pk")
        ],
    }


def _deadline_name(deadline) -> str:
    return f"{deadline.project.title}: {deadline}"


class ErasureRefused(Exception):
    """The person is still named where someone must take over first."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def person_erasure_blockers(*, person: Person) -> list[str]:
    """Why the person cannot be erased yet: the entries and deadlines that
    would be left without a responsible person or contact."""
    reasons = []
    titles = sorted(
        set(
            InterventionPage.objects.filter(responsible_owner=person).values_list(
                "title", flat=True
            )
        )
        | set(
            InterventionPage.objects.filter(contact_person=person).values_list(
                "title", flat=True
            )
        )
    )
    if titles:
        reasons.append(
            _("Responsible owner or contact of: %(titles)s. Choose someone else first.")
            % {"titles": ", ".join(titles)}
        )
    deadlines = [
        _deadline_name(deadline)
        for deadline in ReportingDeadline.objects.filter(
            responsible=person
        ).select_related("project")
    ]
    if deadlines:
        reasons.append(
            _(
                "Responsible for the report deadlines: %(deadlines)s. Choose someone else first."
            )
            % {"deadlines": ", ".join(deadlines)}
        )
    if ReviewCoordinator.objects.filter(person=person).exists():
        reasons.append(
            _(
                "Review coordinator of an organisation. Choose another coordinator first."
            )
        )
    return reasons


@transaction.atomic
def person_erase(*, person: Person) -> None:
    """Delete the person (GDPR art. 17) with their seats in groups and the
    review reminders sent to them. Refused, deleting nothing, while they
    are still named as responsible or contact (ErasureRefused)."""
    reasons = person_erasure_blockers(person=person)
    if reasons:
        raise ErasureRefused(reasons)
    person.delete()


def suggester_export(*, suggester: Suggester) -> dict:
    return {
        "name": suggester.name,
        "email": suggester.email,
        "suggested_at": _iso(suggester.created_at),
        "suggestion": suggester.page.title if suggester.page else None,
    }


def suggester_erase(*, suggester: Suggester) -> None:
    """Delete the suggester's name and e-mail; the draft stays."""
    suggester.delete()


def suggesters_purge_expired(*, now: datetime.datetime | None = None) -> int:
    """Delete suggesters' data older than the retention time."""
    days = personal_data_setting("SUGGESTER_RETENTION_DAYS")
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    deleted, _details = Suggester.objects.filter(created_at__lt=cutoff).delete()
    return deleted
