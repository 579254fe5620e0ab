"""The deadlines calendar of central administrators: an iCalendar feed of
the open reporting deadlines of the regions they administer, behind a
private link (one token per user, stored as its SHA-256, revocable)."""

import datetime
import hashlib
import secrets

from icalendar import Calendar, Event

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.models import DeadlineFeedToken, ReportingDeadline
from cms.scoping.selectors import regions_administered_by
from cms.viewsets.deadlines import user_sees_deadlines_report

# A token of 32 random bytes: unguessable.
TOKEN_BYTES = 32


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def deadline_feed_token_create(*, user) -> str:
    """Make the user's calendar link, ending any earlier one. Returns the
    token (not stored; shown once)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    DeadlineFeedToken.objects.update_or_create(
        user=user, defaults={"token_hash": _digest(token)}
    )
    return token


def deadline_feed_token_revoke(*, user) -> None:
    DeadlineFeedToken.objects.filter(user=user).delete()


def deadline_feed_user(*, token: str):
    """The active central administrator the token belongs to, or None."""
    if not token or len(token) > 100:
        return None
    row = (
        DeadlineFeedToken.objects.filter(token_hash=_digest(token))
        .select_related("user")
        .first()
    )
    if row is None or not user_sees_deadlines_report(row.user):
        return None
    return row.user


def deadlines_for_feed(*, user):
    """The open deadlines of live projects in the regions the user
    administers (every region for a superuser)."""
    regions = regions_administered_by(user=user)
    within = Q(pk__in=[])
    for path in regions.values_list("path", flat=True):
        within |= Q(project__path__startswith=path)
    return (
        ReportingDeadline.objects.filter(
            within, done_on__isnull=True, project__live=True
        )
        .select_related("project", "responsible")
        .order_by("due_on", "pk")
    )


def deadline_feed_url(*, token: str) -> str:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse("feeds:deadlines_ics", args=(token,))


def deadline_feed_calendar(*, user) -> bytes:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    today = timezone.localdate()
    with translation.override("sv"):
        calendar = Calendar()
        calendar.add("prodid", "-//Samverkan//Rapporteringsdatum//SV")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", _("Samverkan: reporting deadlines"))
        for deadline in deadlines_for_feed(user=user):
            project = deadline.project
            event = Event()
            event.add("uid", f"deadline-{deadline.pk}@samverkan")
            event.add("dtstamp", timezone.now())
            event.add("dtstart", deadline.due_on)
            event.add("dtend", deadline.due_on + datetime.timedelta(days=1))
            summary = _("%(kind)s: %(project)s") % {
                "kind": deadline.get_kind_display(),
                "project": project.title,
            }
            if deadline.due_on < today:
                summary = _("Overdue: %(summary)s") % {"summary": summary}
            event.add("summary", summary)
            lines = [deadline.description] if deadline.description else []
            if deadline.responsible:
                lines.append(
                    _("Responsible: %(name)s") % {"name": deadline.responsible.name}
                )
            url = base + reverse("wagtailadmin_pages:edit", args=(project.pk,))
            lines.append(url)
            event.add("description", "\n".join(lines))
            event.add("url", url)
            event.add("transp", "TRANSPARENT")
            calendar.add_component(event)
    return calendar.to_ical()
