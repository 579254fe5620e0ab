"""The suggestion inbox of the intervention bank.

Anyone may suggest an intervention through the public form at /forslag/
(cms.suggestions.views). A suggestion becomes a draft InterventionPage below
the chosen organisation, never published from here, and the organisation's
editors are told by e-mail (cms.tasks.suggestion_notify_editors) so that
they can complete it, publish it or delete it.

Who suggested it (name and e-mail, stored with the suggester's consent) is
kept in a Suggester row beside the draft, not in it, so that it can be
exported and erased and is deleted after the retention time
(cms.personal_data); the draft's description ends with a line saying when it
came in, and its first revision is logged without a user.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

from cms import selectors
from cms.infra.enqueue import enqueue_after_commit, task
from cms.languages import SOURCE_LANGUAGE
from cms.models import InterventionCategory, InterventionPage, RegionPage, Suggester

logger = logging.getLogger(__name__)

SUGGESTION_CATEGORY_SLUG = "ovrigt"


def suggestion_organisations() -> list[tuple[RegionPage, list]]:
    """The organisations one may suggest an intervention to, by region: the
    live current members of every live region. Former members and
    organisations that never joined keep no entries in the bank."""
    result = []
    for region in (
        RegionPage.objects.live()
        .filter(locale__language_code=SOURCE_LANGUAGE)
        .order_by("title")
    ):
        organisations = list(selectors.organisations_current_members(region=region))
        if organisations:
            result.append((region, organisations))
    return result


def _suggestion_description(*, text: str) -> str:
    """The rich text of the draft: the suggester's own words as paragraphs,
    then a line saying when it came in. Who suggested it is kept apart (a
    Suggester row, shown to the editors in the admin), so that it can be
    erased and is deleted after the retention time (cms.personal_data)."""
    when = date_format(timezone.localtime(), "SHORT_DATETIME_FORMAT")
    origin = _(
        "Received through the public suggestion form on %(date)s. Who suggested it: "
        "see Suggesters in the admin."
    ) % {"date": when}
    body = linebreaks(text.strip(), autoescape=True) if text.strip() else ""
    return f"{body}<p><i>{escape(origin)}</i></p>"


@transaction.atomic
def suggestion_create(
    *,
    organisation,
    title: str,
    summary: str,
    description: str = "",
    eligibility: str = "",
    suggested_by_name: str,
    suggested_by_email: str = "",
) -> InterventionPage:
    """Save a suggestion as a draft intervention below the organisation and,
    once the transaction commits, have its editors notified.

    The draft is not validated with full_clean: an active intervention needs
    a responsible owner and a contact, which the editors add before they
    publish. Nothing here publishes."""
    # The draft's text is Swedish whatever language the form was shown in.
    with translation.override(settings.LANGUAGE_CODE):
        text = _suggestion_description(text=description)
    page = InterventionPage(
        title=title.strip(),
        summary=summary.strip(),
        description=text,
        eligibility=eligibility.strip(),
        category=InterventionCategory.objects.get(slug=SUGGESTION_CATEGORY_SLUG),
        live=False,
    )
    # A draft: Page.save validates only the title and slug (generated from
    # the title, unique among the organisation's pages).
    organisation.add_child(instance=page)
    page.save_revision(clean=False, log_action=True)
    Suggester.objects.create(
        page=page, name=suggested_by_name.strip(), email=suggested_by_email.strip()
    )
    logger.info(
        "Intervention suggestion saved as draft page %s below organisation %s",
        page.pk,
        organisation.pk,
    )
    enqueue_after_commit(
        lambda: task("cms.tasks.suggestion_notify_editors").delay(page.pk),
        what="the suggestion notice",
    )
    return page


def _recipients(group) -> list[str]:
    if group is None:
        return []
    emails = (
        group.user_set.filter(is_active=True)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )
    return list(emails)


def suggestion_edit_url(*, page) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailadmin_pages:edit", args=(page.pk,)
    )


def suggestion_notify(*, page: InterventionPage) -> int:
    """E-mail the editors of the page's organisation that a suggestion waits
    for them; when none of them has an e-mail address, the region's central
    administrators instead. Sends one message with the recipients in Bcc, so
    that no one sees the others' addresses and a retried send reaches all or
    none. Returns the number of recipients."""
    organisation = page.get_parent().specific
    region = organisation.get_parent().specific
    recipients = _recipients(organisation.editors_group)
    if not recipients:
        recipients = _recipients(getattr(region, "central_group", None))
    if not recipients:
        logger.warning(
            "No one to notify of suggestion %s: organisation %s has no editors and "
            "region %s no central administrators with an e-mail address",
            page.pk,
            organisation.pk,
            region.pk,
        )
        return 0

    with translation.override(settings.LANGUAGE_CODE):
        subject = _(
            "[%(region)s] New intervention suggestion for %(organisation)s: %(title)s"
        ) % {
            "region": getattr(region, "short_name", region.title),
            "organisation": organisation.title,
            "title": page.title,
        }
        body = _(
            "Someone has suggested an intervention for %(organisation)s through the "
            "public suggestion form of the intervention bank. It has been saved as a "
            "draft and is not published.\n"
            "\n"
            "Name: %(title)s\n"
            "Summary: %(summary)s\n"
            "Who it is for: %(eligibility)s\n"
            "\n"
            "Open the draft to complete and publish it, or delete it:\n"
            "%(url)s\n"
            "\n"
            "You receive this e-mail as an editor or administrator of %(organisation)s in "
            "Samverkan."
        ) % {
            "organisation": organisation.title,
            "title": page.title,
            "summary": page.summary,
            "eligibility": page.eligibility or "-",
            "url": suggestion_edit_url(page=page),
        }
    message = EmailMessage(
        subject=" ".join(subject.split()),  # no line breaks in a header
        body=body,
        bcc=recipients,
        headers={"To": "undisclosed-recipients:;"},
    )
    message.send()
    return len(recipients)
