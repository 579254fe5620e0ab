"""What a mail provider's tracking event means for a subscriber.

django-anymail turns every provider's webhook payload into a normalised
event: an `event_type` ("bounced", "deferred", "rejected", "complained",
"unsubscribed", "delivered", ...) and, for failures, a `reject_reason`
("bounced", "invalid", "blocked", "timed_out", "spam", "unsubscribed",
"other"). That tells complaints, unsubscribes and deliveries apart, but not
always a hard bounce from a soft one: several providers report both as
event_type "bounced" with reject_reason "bounced" and say which it was only
in their own payload (`esp_event`), which `_provider_says_soft` reads.

- hard: stop mailing the address at once (a "bounced" event whose reason is
  "bounced" or "invalid" and that its provider does not call soft; a
  "rejected" one for the same reasons: the provider will not send there);
- soft: counted, SOFT_BOUNCE_LIMIT in a row stop mailing (every other bounce,
  "deferred", and rejections for other reasons, e.g. the provider's policy:
  one bad day must not cost every subscriber);
- complaint: stop mailing, never mail again unasked ("complained", or a
  rejection because of an earlier complaint);
- unsubscribe: as if the reader had unsubscribed here;
- delivered: the receiving server took the message, a run of soft bounces
  ends.
"""

from collections.abc import Mapping

from newsletter.services.subscribers import (
    subscriber_record_bounce,
    subscriber_record_delivered,
    subscriber_unsubscribe_address,
)

HARD_REASONS = {"bounced", "invalid"}


def _provider_says_soft(esp_name: str, esp_event) -> bool:
    """Whether a "bounced" event is a soft bounce in the provider's own words."""
    if not isinstance(esp_event, Mapping):
        return False
    if esp_name == "Postmark":
        return esp_event.get("Type") == "SoftBounce"
    if esp_name in ("Brevo", "SendinBlue"):
        return esp_event.get("event") == "soft_bounce"
    if esp_name == "Amazon SES":
        bounce = esp_event.get("bounce") or {}
        return bounce.get("bounceType") in ("Transient", "Undetermined")
    if esp_name == "Mailjet":
        return esp_event.get("hard_bounce") is False
    return False


def tracking_event_kind(
    *, event_type: str, reject_reason: str | None, esp_name: str, esp_event
) -> str | None:
    """The kind: "hard", "soft", "complaint", "unsubscribe", "delivered", or None (an
    event that changes nothing: sent, opened, clicked, ...)."""
    if event_type == "complained":
        return "complaint"
    if event_type == "unsubscribed":
        return "unsubscribe"
    if event_type == "delivered":
        return "delivered"
    if event_type == "deferred":
        return "soft"
    if event_type == "bounced":
        if reject_reason in HARD_REASONS and not _provider_says_soft(
            esp_name, esp_event
        ):
            return "hard"
        return "soft"
    if event_type == "rejected":
        if reject_reason == "spam":
            return "complaint"
        if reject_reason == "unsubscribed":
            return "unsubscribe"
        return "hard" if reject_reason in HARD_REASONS else "soft"
    return None


def bounce_record_tracking_event(*, event, esp_name: str) -> str | None:
    """Apply one anymail tracking event to the subscriber it names; returns
    the kind applied (None when it changes nothing or names nobody we know)."""
    if not event.recipient:
        return None
    kind = tracking_event_kind(
        event_type=event.event_type,
        reject_reason=event.reject_reason,
        esp_name=esp_name,
        esp_event=event.esp_event,
    )
    if kind is None:
        return None
    if kind == "unsubscribe":
        known = subscriber_unsubscribe_address(email=event.recipient)
    elif kind == "delivered":
        known = subscriber_record_delivered(email=event.recipient)
    else:
        known = subscriber_record_bounce(
            email=event.recipient, kind=kind, message_id=event.message_id or ""
        )
    return kind if known else None
