"""Reads of the deadline reminders."""

import datetime

from django.contrib.auth import get_user_model

from cms.models import RegionPage, ReportingDeadline


def deadlines_open(*, first: datetime.date, last: datetime.date):
    """Deadlines not done, of live projects, due from `first` to `last`."""
    return (
        ReportingDeadline.objects.filter(
            done_on__isnull=True,
            due_on__gte=first,
            due_on__lte=last,
            project__live=True,
        )
        .select_related("project", "responsible")
        .order_by("due_on", "pk")
    )


def region_of(page) -> RegionPage | None:
    return RegionPage.objects.ancestor_of(page).first()


def central_admin_emails(*, region: RegionPage | None) -> list[str]:
    """The addresses of the region's active central administrators."""
    if region is None or region.central_group_id is None:
        return []
    users = (
        get_user_model()
        .objects.filter(groups=region.central_group_id, is_active=True)
        .exclude(email="")
        .order_by("email")
    )
    return list(dict.fromkeys(users.values_list("email", flat=True)))
