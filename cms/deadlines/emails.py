"""The deadline reminder e-mails: Swedish plain text, with a link to the
project in the admin."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.deadlines.selectors import region_of
from cms.models import DeadlineReminder


def _admin_url(page) -> str:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse("wagtailadmin_pages:edit", args=(page.pk,))


def _facts(deadline, organisation) -> list[str]:
    kind = deadline.get_kind_display()
    if deadline.description:
        kind = f"{kind}: {deadline.description}"
    responsible = deadline.responsible
    return [
        _("Project: %(project)s") % {"project": deadline.project.title},
        _("Organisation: %(organisation)s") % {"organisation": organisation.title},
        _("Deadline: %(kind)s") % {"kind": kind},
        _("Due: %(date)s") % {"date": date_format(deadline.due_on, "j F Y")},
        _("Responsible: %(name)s") % {"name": responsible.name}
        if responsible
        else _("Responsible: nobody named"),
    ]


def _body(*, greeting: str, lead: str, facts: list[str], link: str, why: str) -> str:
    return "\n\n".join(
        [
            greeting,
            lead,
            "\n".join(facts),
            _(
                "Open the project in the admin, and mark the deadline as done "
                "once the report is handed in:"
            )
            + "\n"
            + link,
            why,
        ]
    )


def deadline_messages(*, reminder: DeadlineReminder) -> list[EmailMessage]:
    """The messages of one recorded reminder: to the responsible person, and
    to the central administrators when it is escalated (or nobody is
    responsible)."""
    deadline = reminder.deadline
    project = deadline.project
    organisation = project.get_parent()
    region = region_of(project)
    day = timezone.localdate(reminder.created_at)
    days_left = (reminder.due_on - day).days
    overdue = reminder.step == DeadlineReminder.OVERDUE
    messages = []
    with translation.override("sv"):
        facts = _facts(deadline, organisation)
        link = _admin_url(project)
        kind = deadline.get_kind_display()
        names = {"kind": kind, "project": project.title}
        if overdue:
            subject = _("%(kind)s overdue: %(project)s") % names
            lead = _(
                "The report was due on %(date)s and is not marked as done. "
                "A grant report handed in late can mean paying the grant back."
            ) % {"date": date_format(reminder.due_on, "j F Y")}
        elif days_left <= 0:
            subject = _("%(kind)s due today: %(project)s") % names
            lead = _("The report is due today.")
        else:
            subject = ngettext(
                "%(kind)s due in %(count)d day: %(project)s",
                "%(kind)s due in %(count)d days: %(project)s",
                days_left,
            ) % {**names, "count": days_left}
            lead = ngettext(
                "The report is due in %(count)d day.",
                "The report is due in %(count)d days.",
                days_left,
            ) % {"count": days_left}
        recipients = reminder.recipients.split()
        if recipients:
            responsible = deadline.responsible
            greeting = _("Hello %(name)s,") % {
                "name": responsible.name if responsible else ""
            }
            why = _("You get this e-mail because you are responsible for the deadline.")
            messages.append(
                EmailMessage(
                    subject=subject,
                    body=_body(
                        greeting=greeting, lead=lead, facts=facts, link=link, why=why
                    ),
                    to=recipients,
                )
            )
        escalated = reminder.escalated_to.split()
        if escalated:
            region_name = region.title if region else ""
            why = _("You get this e-mail as a central administrator of %(region)s.") % {
                "region": region_name
            }
            if not recipients:
                why = (
                    _("Nobody responsible for the deadline can be reached.") + " " + why
                )
            messages.append(
                EmailMessage(
                    subject=f"{subject} ({organisation.title})",
                    body=_body(
                        greeting=_("Hello,"), lead=lead, facts=facts, link=link, why=why
                    ),
                    to=escalated,
                )
            )
    return messages
