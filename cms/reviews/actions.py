"""What the one-click review page does when its buttons are pressed."""

from django.db import transaction
from django.urls import reverse

from cms.models import InterventionPage, ReviewMethod
from cms.reviews.emails import coordinator_notice_message
from cms.reviews.selectors import (
    coordinator_for,
    intervention_missing_required,
    person_answers_for,
)
from cms.reviews.services import interventions_review


def link_confirm(*, person, pages) -> tuple[list, list]:
    """Record "still correct" for each page the person answers for and that
    has its required facts. Returns (confirmed, refused with reasons)."""
    confirmed, refused = [], []
    for page in pages:
        missing = intervention_missing_required(page)
        if missing:
            refused.append((page, missing))
            continue
        if not person_answers_for(person=person, page=page):
            continue
        method = (
            ReviewMethod.CONFIRMED
            if page.responsible_owner_id == person.pk
            else ReviewMethod.COORDINATOR
        )
        interventions_review(pages=[page], method=method, person=person, user=None)
        confirmed.append(page)
    return confirmed, refused


def link_needs_changes(*, person, page: InterventionPage, note: str = "") -> str:
    """The person says the entry needs changes: with an active account they
    go to the editor (returns its path); without, the coordinator is told
    (returns "")."""
    user = person.user
    if user is not None and user.is_active:
        return reverse("wagtailadmin_pages:edit", args=(page.pk,))
    coordinator = coordinator_for(page)
    if coordinator is not None and coordinator.email:
        coordinator_notice_message(
            coordinator=coordinator,
            person=person,
            page=page,
            action="needs_changes",
            note=note,
        ).send()
    return ""


def link_not_mine(*, person, page: InterventionPage, note: str = "") -> None:
    """The person is not responsible any more: the coordinator becomes the
    responsible owner (a new published revision when nothing else is
    pending, otherwise written to the row) and is told."""
    coordinator = coordinator_for(page)
    if page.responsible_owner_id != person.pk:
        return
    with transaction.atomic():
        if coordinator is not None:
            if page.has_unpublished_changes:
                InterventionPage.objects.filter(pk=page.pk).update(
                    responsible_owner=coordinator
                )
            else:
                page.responsible_owner = coordinator
                page.save_revision(log_action=True).publish()
        else:
            InterventionPage.objects.filter(pk=page.pk).update(responsible_owner=None)
    if coordinator is not None and coordinator.email:
        coordinator_notice_message(
            coordinator=coordinator,
            person=person,
            page=page,
            action="not_mine",
            note=note,
        ).send()
