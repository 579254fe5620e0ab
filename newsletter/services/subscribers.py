"""Subscriptions: double opt-in, consent, preferences, unsubscribe, the
subscriber's own export and erasure, and bounces."""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.languages import SOURCE_LANGUAGE
from newsletter.conf import absolute, from_email, newsletter_setting
from newsletter.languages import interface_language, subscriber_language_choices
from newsletter.models import Audience, Subscriber, SubscriptionRequest

CONFIRM_SALT = "samverkan_newsletter.confirm"
Status = Subscriber.Status


def subscriber_confirm_token(*, subscriber: Subscriber) -> str:
    return signing.dumps(str(subscriber.token), salt=CONFIRM_SALT, compress=True)


def subscriber_links(*, subscriber: Subscriber) -> dict[str, str]:
    token = str(subscriber.token)
    return {
        "unsubscribe": absolute(
            reverse("samverkan_newsletter:unsubscribe", args=[token])
        ),
        "preferences": absolute(
            reverse("samverkan_newsletter:preferences", args=[token])
        ),
    }


def subscriber_subscribe(
    *,
    region,
    email: str,
    name: str = "",
    organisation: str = "",
    language: str = "sv",
    audiences: list[Audience],
    ip: str | None = None,
    requested_at: datetime.datetime | None = None,
) -> tuple[Subscriber, str]:
    """Record a subscription asked for through the public form (run by a
    task for a subscription request) and say which e-mail it calls for
    (SubscriptionRequest.MAIL_*): a confirmation link, a note that the
    address is already subscribed, or none (the address complained). The
    address subscribes to `region`'s newsletter only."""
    email = email.strip().lower()
    now = requested_at or timezone.now()
    with transaction.atomic():
        subscriber, created = Subscriber.objects.select_for_update().get_or_create(
            region=region, email=email, defaults={"status": Status.PENDING}
        )
        if subscriber.status == Status.COMPLAINED:
            # They marked us as spam: never mail them again unasked.
            return subscriber, SubscriptionRequest.MAIL_NONE
        if subscriber.status == Status.CONFIRMED:
            return subscriber, SubscriptionRequest.MAIL_ALREADY
        subscriber.status = Status.PENDING
        subscriber.name = name or subscriber.name
        subscriber.organisation = organisation or subscriber.organisation
        subscriber.language = language
        subscriber.consent_at = now
        subscriber.consent_source = Subscriber.Source.FORM
        subscriber.consent_detail = ""
        subscriber.consent_policy_version = newsletter_setting("POLICY_VERSION")
        subscriber.consent_ip = ip
        subscriber.confirmed_at = None
        subscriber.created_at = now if not created else subscriber.created_at
        subscriber.save()
        subscriber.audiences.set(
            [audience for audience in audiences if audience.region_id == region.pk]
        )
    return subscriber, SubscriptionRequest.MAIL_CONFIRM


def subscriber_send_subscription_mail(*, subscriber: Subscriber, kind: str) -> None:
    links = subscriber_links(subscriber=subscriber)
    context = {
        "subscriber": subscriber,
        "confirm_url": absolute(
            reverse(
                "samverkan_newsletter:confirm",
                args=[subscriber_confirm_token(subscriber=subscriber)],
            )
        ),
        "preferences_url": links["preferences"],
        "days": newsletter_setting("UNCONFIRMED_RETENTION_DAYS"),
    }
    with translation.override(interface_language(subscriber.language)):
        if kind == "confirm":
            subject = _("Confirm your subscription to the newsletter")
            body = render_to_string("samverkan_newsletter/email/confirm.txt", context)
        else:
            subject = _("You already subscribe to the newsletter")
            body = render_to_string("samverkan_newsletter/email/already.txt", context)
    send_mail(subject, body, from_email(), [subscriber.email])


def subscriber_from_confirm_token(*, token: str) -> Subscriber | None:
    max_age = datetime.timedelta(days=newsletter_setting("UNCONFIRMED_RETENTION_DAYS"))
    try:
        raw = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    return Subscriber.objects.filter(token=raw).first()


def subscriber_confirm(*, subscriber: Subscriber) -> None:
    if subscriber.status in (Status.PENDING, Status.UNSUBSCRIBED):
        subscriber.status = Status.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.soft_bounces = 0
        subscriber.save(
            update_fields=["status", "confirmed_at", "unsubscribed_at", "soft_bounces"]
        )


def subscriber_unsubscribe(*, subscriber: Subscriber) -> None:
    if subscriber.status != Status.UNSUBSCRIBED:
        subscriber.status = Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])


def subscriber_update_preferences(
    *, subscriber: Subscriber, name: str, language: str, audiences: list[Audience]
) -> None:
    subscriber.name = name
    subscriber.language = language
    subscriber.save(update_fields=["name", "language"])
    subscriber.audiences.set(
        [a for a in audiences if a.region_id == subscriber.region_id]
    )


def subscriber_export(*, subscriber: Subscriber) -> dict:
    """Everything we hold about the subscriber (GDPR art. 15 and 20)."""
    return {
        "email": subscriber.email,
        "region": subscriber.region.title if subscriber.region else None,
        "name": subscriber.name,
        "organisation": subscriber.organisation,
        "language": subscriber.language,
        "status": subscriber.status,
        "audiences": [a.name for a in subscriber.audiences.all()],
        "consent": {
            "given_at": _iso(subscriber.consent_at),
            "source": subscriber.consent_source,
            "detail": subscriber.consent_detail,
            "policy_version": subscriber.consent_policy_version,
            "ip_address": subscriber.consent_ip,
            "confirmed_at": _iso(subscriber.confirmed_at),
        },
        "unsubscribed_at": _iso(subscriber.unsubscribed_at),
        "created_at": _iso(subscriber.created_at),
        "deliveries": [
            {
                "issue": delivery.issue.subject,
                "status": delivery.status,
                "sent_at": _iso(delivery.sent_at),
            }
            for delivery in subscriber.deliveries.select_related("issue").order_by("pk")
        ],
        "subscription_requests": [
            {
                "requested_at": _iso(request.requested_at),
                "name": request.name,
                "organisation": request.organisation,
                "language": request.language,
                "ip_address": request.consent_ip,
                "processed_at": _iso(request.processed_at),
                "email_sent_at": _iso(request.mailed_at),
            }
            for request in _requests_of(subscriber).order_by("pk")
        ],
    }


def _requests_of(subscriber: Subscriber):
    """The subscription requests of the subscriber's address in their region
    (processed or still waiting; one queued before regions has none)."""
    return SubscriptionRequest.objects.filter(
        Q(region=subscriber.region_id) | Q(region__isnull=True),
        email=subscriber.email,
    )


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def subscriber_erase(*, subscriber: Subscriber) -> None:
    """Delete the person's data (GDPR art. 17). Their delivery rows stay,
    without any link to them, so issue counts stay right. Their
    subscription requests go too, processed or still waiting."""
    with transaction.atomic():
        _requests_of(subscriber).delete()
        subscriber.delete()


def subscribers_purge_unconfirmed(*, now: datetime.datetime | None = None) -> int:
    cutoff = (now or timezone.now()) - datetime.timedelta(
        days=newsletter_setting("UNCONFIRMED_RETENTION_DAYS")
    )
    deleted, _details = Subscriber.objects.filter(
        status=Status.PENDING, created_at__lt=cutoff
    ).delete()
    return deleted


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


CSV_COLUMNS = ["email", "name", "organisation", "language", "audiences"]


def subscribers_import_csv(
    *,
    region,
    content: str,
    consent_detail: str,
    default_audiences: list[Audience],
) -> ImportReport:
    """Import confirmed subscribers whose consent was given elsewhere (the
    consent detail names where). All or nothing: any error imports nothing.
    Audiences in the file are slugs separated by `|`; unsubscribed, bounced
    and complained addresses are left as they are. Everything goes into
    `region`'s newsletter; audience slugs are the region's."""
    report = ImportReport()
    rows = list(csv.DictReader(io.StringIO(content.lstrip("\ufeff"))))
    audiences = {a.slug: a for a in Audience.objects.filter(region=region)}
    default_audiences = [a for a in default_audiences if a.region_id == region.pk]
    parsed = []
    for number, row in enumerate(rows, start=2):
        email = (row.get("email") or "").strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            report.errors.append(
                _("Row %(row)d: invalid e-mail address.") % {"row": number}
            )
            continue
        slugs = [
            s.strip() for s in (row.get("audiences") or "").split("|") if s.strip()
        ]
        unknown = [s for s in slugs if s not in audiences]
        if unknown:
            report.errors.append(
                _("Row %(row)d: unknown audience %(slug)s.")
                % {"row": number, "slug": ", ".join(unknown)}
            )
            continue
        language = (row.get("language") or "sv").strip() or "sv"
        parsed.append(
            (email, row, [audiences[s] for s in slugs] or default_audiences, language)
        )
    if report.errors:
        return report
    now = timezone.now()
    with transaction.atomic():
        for email, row, chosen, language in parsed:
            subscriber, created = Subscriber.objects.get_or_create(
                region=region, email=email
            )
            if not created and subscriber.status in (
                Status.UNSUBSCRIBED,
                Status.BOUNCED,
                Status.COMPLAINED,
            ):
                continue
            subscriber.name = (row.get("name") or "").strip() or subscriber.name
            subscriber.organisation = (
                row.get("organisation") or ""
            ).strip() or subscriber.organisation
            subscriber.language = (
                language
                if language in dict(subscriber_language_choices())
                else SOURCE_LANGUAGE
            )
            if subscriber.status != Status.CONFIRMED:
                subscriber.status = Status.CONFIRMED
                subscriber.consent_at = now
                subscriber.consent_source = Subscriber.Source.IMPORT
                subscriber.consent_detail = consent_detail
                subscriber.consent_policy_version = newsletter_setting("POLICY_VERSION")
                subscriber.confirmed_at = now
            subscriber.save()
            subscriber.audiences.add(*chosen)
            if created:
                report.created += 1
            else:
                report.updated += 1
    return report


def subscribers_export_rows(*, subscribers):
    """Every subscriber as CSV rows (write them with cms.infra.csv_export, which
    keeps formulas out)."""
    yield [
        *CSV_COLUMNS,
        "status",
        "consent_at",
        "consent_source",
        "consent_detail",
        "policy_version",
        "confirmed_at",
        "region",
    ]
    for s in subscribers.select_related("region").prefetch_related("audiences"):
        yield [
            s.email,
            s.name,
            s.organisation,
            s.language,
            "|".join(a.slug for a in s.audiences.all()),
            s.status,
            _iso(s.consent_at) or "",
            s.consent_source,
            s.consent_detail,
            s.consent_policy_version,
            _iso(s.confirmed_at) or "",
            s.region.slug if s.region else "",
        ]


def _by_address(email: str):
    return Subscriber.objects.filter(email=email.strip().lower())


def subscriber_record_bounce(*, email: str, kind: str, message_id: str = "") -> bool:
    """A hard bounce or a complaint stops mailing the address at once; soft
    bounces stop it after SOFT_BOUNCE_LIMIT in a row. Several soft bounces of
    one message (a provider reports each failed retry; a webhook may be
    delivered twice) count once when the message's id is given. Returns
    whether the address was known."""
    with transaction.atomic():
        # The address may read several regions' newsletters: each counts.
        subscribers = list(_by_address(email).select_for_update().order_by("pk"))
        for subscriber in subscribers:
            _bounce_record(subscriber=subscriber, kind=kind, message_id=message_id)
    return bool(subscribers)


def _bounce_record(*, subscriber: Subscriber, kind: str, message_id: str) -> None:
    if subscriber.status == Status.COMPLAINED:
        return  # stays the strongest "never mail them" there is
    if kind == "complaint":
        subscriber.status = Status.COMPLAINED
    elif kind == "hard":
        subscriber.status = Status.BOUNCED
    elif not message_id or message_id != subscriber.soft_bounce_message_id:
        subscriber.soft_bounces += 1
        subscriber.soft_bounce_message_id = message_id[:255]
        if subscriber.soft_bounces >= newsletter_setting("SOFT_BOUNCE_LIMIT"):
            subscriber.status = Status.BOUNCED
    subscriber.save(update_fields=["status", "soft_bounces", "soft_bounce_message_id"])


def subscriber_record_delivered(*, email: str) -> bool:
    """The receiving server accepted a message: a run of soft bounces ends.
    Returns whether the address was known."""
    subscribers = _by_address(email)
    subscribers.filter(soft_bounces__gt=0).update(
        soft_bounces=0, soft_bounce_message_id=""
    )
    return subscribers.exists()


def subscriber_unsubscribe_address(*, email: str) -> bool:
    """An unsubscribe reported by the mail provider (its own link or list
    management). Returns whether the address was known."""
    subscribers = list(_by_address(email))
    for subscriber in subscribers:
        if subscriber.status in (Status.PENDING, Status.CONFIRMED):
            subscriber_unsubscribe(subscriber=subscriber)
    return bool(subscribers)
