"""Reads of the review routine."""

import datetime

from django.db.models import Q
from django.utils.translation import gettext as _

from cms.languages import SOURCE_LANGUAGE
from cms.models import InterventionPage, Person, ReportingDeadline, ReviewCoordinator

# Grant-report deadlines are listed in a digest this many days ahead.
DEADLINE_DAYS_AHEAD = 30


def digest_pages(*, digest) -> list[InterventionPage]:
    """The entries a digest (and so its one-click link) is about, still live."""
    ids = digest.reminders.values_list("intervention_id", flat=True)
    return list(
        InterventionPage.objects.live()
        .filter(pk__in=ids)
        .select_related("category", "contact_person", "responsible_owner")
        .order_by("next_review_due", "title")
    )


def intervention_missing_required(page: InterventionPage) -> list[str]:
    """The required facts the entry lacks; it cannot be confirmed without."""
    missing = []
    if not page.summary.strip():
        missing.append(_("summary"))
    if page.status == "active" and page.responsible_owner_id is None:
        missing.append(_("responsible owner"))
    if page.status == "active" and not (page.contact_person_id or page.contact_email):
        missing.append(_("contact"))
    return missing


def coordinator_for(page: InterventionPage) -> Person | None:
    """The review coordinator of the entry's organisation, if it has one."""
    organisation_path = page.path[: -page.steplen]
    row = (
        ReviewCoordinator.objects.filter(organisation__path=organisation_path)
        .select_related("person")
        .first()
    )
    return row.person if row else None


def person_answers_for(*, person: Person, page: InterventionPage) -> bool:
    """The person may act on the entry: its owner, or its organisation's
    coordinator."""
    if page.responsible_owner_id == person.pk:
        return True
    coordinator = coordinator_for(page)
    return coordinator is not None and coordinator.pk == person.pk


def interventions_unowned(*, organisation_paths=None):
    """Live entries without a present owner: none set, or the owner left,
    bounces or has a deactivated account (the "unowned" list)."""
    queryset = InterventionPage.objects.live().filter(
        Q(responsible_owner__isnull=True)
        | Q(responsible_owner__review_absence__isnull=False)
        | Q(responsible_owner__user__is_active=False)
        | Q(responsible_owner__email=""),
        locale__language_code=SOURCE_LANGUAGE,
    )
    if organisation_paths is not None:
        condition = Q(pk__in=[])
        for path in organisation_paths:
            condition |= Q(path__startswith=path)
        queryset = queryset.filter(condition)
    return queryset.select_related("responsible_owner").order_by("title")


def grant_deadlines_coming(*, person_id: int, today: datetime.date) -> list:
    """The person's grant-report deadlines not yet done, overdue or due
    within DEADLINE_DAYS_AHEAD, of live projects."""
    return list(
        ReportingDeadline.objects.filter(
            responsible_id=person_id,
            done_on__isnull=True,
            due_on__lte=today + datetime.timedelta(days=DEADLINE_DAYS_AHEAD),
            project__live=True,
        )
        .select_related("project")
        .order_by("due_on")
    )


def user_may_mark_reviewed(
    *, user, page: InterventionPage, owner=None, organisation=None
) -> bool:
    """The one rule on whose entries a person may record as reviewed (the
    edit form's tick box, the bulk action, the dashboard's button): a user
    who may edit the entry and is its responsible owner, its organisation's
    review coordinator, or a central administrator. `owner` is the owner
    about to be saved (a form's choice), when it differs from the stored
    one; `organisation` the parent of a page not yet created."""
    from cms.scoping.permissions import (
        user_can_change_page_subtree,
        user_is_central_for,
    )

    if not user.is_active:
        return False
    parent = organisation or (page.get_parent() if page.pk else None)
    if parent is not None and user_is_central_for(user, parent):
        return True
    if page.pk and not user_can_change_page_subtree(user, page):
        return False
    owner = owner if owner is not None else page.responsible_owner
    if owner is not None and owner.user_id == user.pk:
        return True
    person = Person.objects.filter(user=user).first()
    return bool(page.pk) and person is not None and coordinator_for(page) == person
