"""The digest e-mail: Swedish, HTML with a plain-text part, sent through
Django's EMAIL_BACKEND (SMTP or any anymail backend)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.models import InterventionPage, ReminderStep, ReviewDigest
from cms.reviews.digests import NO_CYCLE, incomplete_by_person
from cms.reviews.ladder import steps_by_name
from cms.reviews.selectors import grant_deadlines_coming
from cms.reviews.tokens import digest_token
from cms.translations.selectors import translations_outdated_by_owner


def _section_of(reminder, steps) -> str:
    if reminder.step == ReminderStep.ORPHANED:
        return "orphaned"
    step = steps.get(reminder.step)
    if reminder.as_coordinator and step is not None and step.notifies_coordinator:
        return "escalated"
    if step is not None and step.days > 0:
        return "overdue"
    if step is not None and step.days == 0:
        return "due"
    return "heads_up"


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def digest_context(digest: ReviewDigest) -> dict:
    """What the digest lists, read back from its recorded reminders (so a
    resent digest says the same)."""
    steps = steps_by_name()
    reminders = list(digest.reminders.order_by("cycle", "intervention_id"))
    pages = InterventionPage.objects.in_bulk(
        [reminder.intervention_id for reminder in reminders]
    )
    sections = {
        "orphaned": [],
        "escalated": [],
        "overdue": [],
        "due": [],
        "heads_up": [],
    }
    seen = set()
    for reminder in reminders:
        page = pages.get(reminder.intervention_id)
        if page is None or page.pk in seen:
            continue
        seen.add(page.pk)
        sections[_section_of(reminder, steps)].append(
            {
                "title": page.title,
                "due": reminder.cycle if reminder.cycle != NO_CYCLE else None,
                "edit_url": _absolute(
                    reverse("wagtailadmin_pages:edit", args=(page.pk,))
                ),
            }
        )
    incomplete = incomplete_by_person(person_ids=[digest.recipient_id]).get(
        digest.recipient_id, []
    )
    deadlines = grant_deadlines_coming(
        person_id=digest.recipient_id, today=timezone.localdate(digest.created_at)
    )
    outdated = translations_outdated_by_owner(person_ids=[digest.recipient_id]).get(
        digest.recipient_id, []
    )
    for item in outdated:
        item["edit_url"] = _absolute(
            reverse("wagtailadmin_pages:edit", args=(item["pk"],))
        )
    return {
        "digest": digest,
        "name": digest.recipient.name,
        "outdated_translations": outdated,
        "orphaned": sections["orphaned"],
        "escalated": sections["escalated"],
        "overdue": sections["overdue"],
        "due": sections["due"],
        "heads_up": sections["heads_up"],
        "deadlines": deadlines,
        "incomplete": incomplete[:20],
        "incomplete_more": max(0, len(incomplete) - 20),
        "link": _absolute(reverse("review_link", args=(digest_token(digest=digest),))),
        "site_name": getattr(settings, "WAGTAIL_SITE_NAME", "Samverkan"),
    }


def digest_message(digest: ReviewDigest) -> EmailMultiAlternatives:
    with translation.override("sv"):
        context = digest_context(digest)
        count = sum(
            len(context[key])
            for key in ("orphaned", "escalated", "overdue", "due", "heads_up")
        )
        subject = ngettext(
            "%(site)s: %(count)d entry to review",
            "%(site)s: %(count)d entries to review",
            count,
        ) % {
            "site": context["site_name"],
            "count": count,
        }
        text = render_to_string("samverkan_cms/reviews/digest_email.txt", context)
        html = render_to_string("samverkan_cms/reviews/digest_email.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[digest.email],
        headers={"Message-ID": digest.message_id},
    )
    message.attach_alternative(html, "text/html")
    return message


def coordinator_notice_message(
    *, coordinator, person, page, action: str, note: str = ""
) -> EmailMultiAlternatives:
    """Tell the coordinator that an owner says an entry needs changes (and
    has no account to make them) or is not theirs any more."""
    with translation.override("sv"):
        context = {
            "coordinator": coordinator,
            "person": person,
            "page": page,
            "action": action,
            "note": note,
            "edit_url": _absolute(reverse("wagtailadmin_pages:edit", args=(page.pk,))),
            "site_name": getattr(settings, "WAGTAIL_SITE_NAME", "Samverkan"),
        }
        if action == "not_mine":
            subject = _("%(title)s: %(name)s is no longer responsible") % {
                "title": page.title,
                "name": person.name,
            }
        else:
            subject = _("%(title)s needs changes, says %(name)s") % {
                "title": page.title,
                "name": person.name,
            }
        text = render_to_string("samverkan_cms/reviews/notice_email.txt", context)
        html = render_to_string("samverkan_cms/reviews/notice_email.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[coordinator.email])
    message.attach_alternative(html, "text/html")
    return message
