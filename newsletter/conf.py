"""The newsletter's settings: `SAMVERKAN_NEWSLETTER` in the Django settings,
read when needed (never at import time), falling back to these defaults."""

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Absolute base of every link in an e-mail (no trailing slash); empty
    # means WAGTAILADMIN_BASE_URL.
    "BASE_URL": "",
    # Sender of the newsletter; empty means DEFAULT_FROM_EMAIL.
    "FROM_EMAIL": "",
    # Domain in Message-IDs; empty means the host of BASE_URL.
    "MESSAGE_ID_DOMAIN": "",
    # Version of the privacy policy a subscriber consents to.
    "POLICY_VERSION": "2026-01",
    # Days an unconfirmed subscription waits for its confirmation before it
    # is deleted; also how long a confirmation link is valid.
    "UNCONFIRMED_RETENTION_DAYS": 7,
    # Subscribe form: at most this many submissions per IP address per window.
    "SUBSCRIBE_RATE": 5,
    "SUBSCRIBE_RATE_WINDOW_SECONDS": 600,
    # Subscription requests (the form's outbox): the sweep queues again
    # rows still unfinished this many seconds after the request, at most
    # SWEEP_BATCH a run and each at most MAX_SWEEPS times; every row,
    # finished or not, is deleted this many days after the request.
    "SUBSCRIPTION_REQUEST_GRACE_SECONDS": 300,
    "SUBSCRIPTION_REQUEST_SWEEP_BATCH": 200,
    "SUBSCRIPTION_REQUEST_MAX_SWEEPS": 12,
    "SUBSCRIPTION_REQUEST_RETENTION_DAYS": 7,
    # Deliveries per Celery chunk task (one SMTP connection each).
    "CHUNK_SIZE": 200,
    # A chunk that meets an SMTP error (server down) retries after about
    # this many seconds, doubling each time up to the maximum.
    "RETRY_BACKOFF_SECONDS": 10,
    "RETRY_BACKOFF_MAX_SECONDS": 300,
    # Messages per second over all workers together; 0 means no limit.
    "RATE_PER_SECOND": 0,
    # A delivery claimed by a sender that has not finished it within this
    # many seconds is taken to be in doubt (its sender died).
    "CLAIM_LEASE_SECONDS": 120,
    # What to do with a message in doubt: "resend" (same Message-ID) or
    # "hold" (mark it uncertain for a person to decide in the admin).
    "IN_DOUBT_POLICY": "resend",
    # Soft bounces in a row before an address is no longer mailed.
    "SOFT_BOUNCE_LIMIT": 3,
    # Shared secret of the bounce/complaint webhook (HMAC-SHA256); empty
    # switches the webhook off.
    "WEBHOOK_SECRET": "",
    # Gmail clips messages above about 102 KB; rendering warns above this.
    "MAX_HTML_BYTES": 100_000,
}


def newsletter_setting(name: str) -> Any:
    configured = getattr(settings, "SAMVERKAN_NEWSLETTER", {}) or {}
    if name in configured:
        return configured[name]
    return DEFAULTS[name]


def base_url() -> str:
    return (newsletter_setting("BASE_URL") or settings.WAGTAILADMIN_BASE_URL).rstrip(
        "/"
    )


def absolute(path: str) -> str:
    if path.startswith(("http://", "https://", "mailto:")):
        return path
    return base_url() + path


def from_email() -> str:
    return newsletter_setting("FROM_EMAIL") or settings.DEFAULT_FROM_EMAIL


def message_id_domain() -> str:
    from urllib.parse import urlsplit

    return newsletter_setting("MESSAGE_ID_DOMAIN") or (
        urlsplit(base_url()).hostname or "localhost"
    )
