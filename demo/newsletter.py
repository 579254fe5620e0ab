"""Demo data of the newsletter: a few hundred fictitious subscribers in the
two audiences and one issue sent (by the worker, as any issue), so that the
archive, the sending page and the delivery log have something to show.
Every name and address is invented (example.se). Idempotent: a second run
adds nothing."""

import itertools

from django.db import transaction
from django.utils import timezone

from newsletter.models import NewsletterIssue, Subscriber
from newsletter.scoping import newsletter_regions
from newsletter.services.audiences import audiences_provide_defaults
from newsletter.services.issues import issue_fill_from_recent, issue_send_now

FIRST_NAMES = (
    "Amina", "Anders", "Aisha", "Björn", "Dalia", "Emma", "Farid", "Gunilla",
    "Hassan", "Ida", "Jamal", "Karin", "Leyla", "Magnus", "Nour", "Olof",
    "Parisa", "Rasmus", "Samira", "Tove", "Yonas", "Zeynep",
)  # fmt: skip
LAST_NAMES = (
    "Andersson", "Berg", "Dahl", "Eriksson", "Haddad", "Hussein", "Johansson",
    "Karlsson", "Lind", "Mohammadi", "Nilsson", "Osman", "Persson", "Sandberg",
)  # fmt: skip
# Internal partners work at the collaboration's members, external ones
# elsewhere (invented domains under example.se).
INTERNAL_DOMAINS = ("botkyrka", "haninge", "huddinge", "nacka", "af")
EXTERNAL_DOMAINS = ("lansstyrelsen", "foreningar", "region")
SUBJECT = "Nyhetsbrev från Etablering Södertörn (demo)"


def _addresses(count: int):
    domains = itertools.cycle(
        [(d, "internal-partners") for d in INTERNAL_DOMAINS]
        + [(d, "external-partners") for d in EXTERNAL_DOMAINS]
    )
    names = itertools.product(LAST_NAMES, FIRST_NAMES)
    for n, ((last, first), (domain, audience)) in enumerate(
        zip(names, domains, strict=False)
    ):
        if n >= count:
            return
        local = f"{first}.{last}".lower().translate(str.maketrans("åäöé", "aaoe"))
        yield f"{local}@{domain}.example.se", f"{first} {last}", audience


@transaction.atomic
def newsletter_demo_seed(*, subscribers: int = 300) -> dict:
    """The first region's newsletter (Södertörn in the demo)."""
    region = newsletter_regions().order_by("path").first()
    if region is None:
        return {"subscribers": 0, "issue_sent": False}
    audiences = {a.slug: a for a in audiences_provide_defaults(region=region)}
    now = timezone.now()
    created = 0
    for email, name, audience in _addresses(subscribers):
        subscriber, new = Subscriber.objects.get_or_create(
            region=region,
            email=email,
            defaults={
                "name": name,
                "status": Subscriber.Status.CONFIRMED,
                "consent_at": now,
                "consent_source": Subscriber.Source.IMPORT,
                "consent_detail": "Demo data (invented)",
                "confirmed_at": now,
            },
        )
        if new and audience in audiences:
            subscriber.audiences.add(audiences[audience])
            created += 1
    issue = NewsletterIssue.objects.filter(region=region, subject=SUBJECT).first()
    sent = False
    if issue is None:
        issue = NewsletterIssue.objects.create(
            region=region,
            subject=SUBJECT,
            preheader="Nyheter, möten och insatser i samverkan",
            language="sv",
        )
        issue.audiences.set(audiences.values())
        issue_fill_from_recent(issue=issue)
        # The worker sends it (make demo starts one), each .eml in var/mail.
        issue_send_now(issue=issue)
        sent = True
    return {"subscribers": created, "issue_sent": sent}
