"""The monthly routine: remind the communicators when nothing is scheduled
for the coming month."""

import datetime

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from newsletter.conf import absolute, from_email
from newsletter.models import NewsletterIssue


def _next_month(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    after = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, after


def communicators():
    """Active users given the right to edit newsletter issues: the members of
    the communicators group (migration 0004), and of any other group given
    that right. A superuser is not reminded for being one."""
    return (
        get_user_model()
        .objects.with_perm(
            "samverkan_newsletter.change_newsletterissue",
            include_superusers=False,
            # Permissions live in the model backend (the other one, axes,
            # only guards logins).
            backend="django.contrib.auth.backends.ModelBackend",
        )
        .filter(is_active=True)
        .exclude(email="")
    )


def communicators_remind(*, today: datetime.date | None = None) -> int:
    """Per region: e-mail the region's communicators if no issue of the
    region is scheduled or sent for the coming month; returns how many
    were reminded."""
    from newsletter.scoping import newsletter_regions, newsletter_regions_of

    today = today or timezone.localdate()
    first, after = _next_month(today)
    planned = set(
        NewsletterIssue.objects.filter(
            Q(scheduled_at__date__gte=first, scheduled_at__date__lt=after)
            | Q(started_at__date__gte=first, started_at__date__lt=after),
            status__in=[
                NewsletterIssue.Status.SCHEDULED,
                NewsletterIssue.Status.SENDING,
                NewsletterIssue.Status.PAUSED,
                NewsletterIssue.Status.SENT,
            ],
        ).values_list("region_id", flat=True)
    )
    unplanned = set(
        newsletter_regions().live().exclude(pk__in=planned).values_list("pk", flat=True)
    )
    if not unplanned:
        return 0
    reminded = 0
    for user in communicators():
        regions = set(newsletter_regions_of(user=user).values_list("pk", flat=True))
        if regions & unplanned:
            _remind(email=user.email, month=first)
            reminded += 1
    return reminded


def _remind(*, email: str, month: datetime.date) -> None:
    body = render_to_string(
        "samverkan_newsletter/email/reminder.txt",
        {
            "month": month,
            "admin_url": absolute(
                reverse("wagtailsnippets_samverkan_newsletter_newsletterissue:list")
            ),
        },
    )
    send_mail(
        _("Reminder: no newsletter is scheduled for next month"),
        body,
        from_email(),
        [email],
    )
