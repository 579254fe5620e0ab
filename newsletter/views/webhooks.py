"""Bounce and complaint webhooks.

Two ways in, both ending in newsletter.services.subscribers:

- A mail provider's own tracking webhook, through django-anymail, under
  /newsletter/webhooks/anymail/<provider>/tracking/ (see urls.py). anymail
  parses the provider's payload and checks its signature where the provider
  signs; `provider_webhook` puts anymail's basic auth in front of it, refusing
  every call while ANYMAIL["WEBHOOK_SECRET"] is unset (anymail alone would
  then take anyone's events, with only a warning). The events reach
  newsletter.receivers.

- A generic endpoint for a relay or bounce processor of one's own (e.g. a
  Postfix that parses its DSNs): POST JSON `{"events": [{"type":
  "bounce"|"complaint", "email": "...", "bounce": "hard"|"soft",
  "message_id": "..."}]}` with the header `X-Samverkan-Signature:
  sha256=<hex HMAC-SHA256 of the raw body with
  SAMVERKAN_NEWSLETTER["WEBHOOK_SECRET"]>`."""

import functools
import hashlib
import hmac
import json

from anymail.utils import get_anymail_setting, get_request_basic_auth

from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.utils.crypto import constant_time_compare
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from newsletter.conf import newsletter_setting
from newsletter.services.subscribers import subscriber_record_bounce


def _anymail_secrets() -> list[str]:
    secrets = get_anymail_setting("webhook_secret", default=[])
    return [secrets] if isinstance(secrets, str) else list(secrets)


def provider_webhook(view):
    """anymail's webhook `view` behind its basic auth: 403 while no secret is
    configured, 401 (with a challenge) for missing or wrong credentials."""

    @functools.wraps(view)
    def guarded(request, *args, **kwargs):
        allowed = [secret for secret in _anymail_secrets() if secret]
        if not allowed:
            return HttpResponseForbidden()
        given = get_request_basic_auth(request) or ""
        if not any(constant_time_compare(given, secret) for secret in allowed):
            response = HttpResponse(status=401)
            response["WWW-Authenticate"] = 'Basic realm="newsletter webhooks"'
            return response
        return view(request, *args, **kwargs)

    return guarded


def _signature_ok(request) -> bool:
    secret = newsletter_setting("WEBHOOK_SECRET")
    if not secret:
        return False
    expected = hmac.new(secret.encode(), request.body, hashlib.sha256).hexdigest()
    given = request.headers.get("X-Samverkan-Signature", "").removeprefix("sha256=")
    return hmac.compare_digest(expected, given)


@csrf_exempt
@require_POST
def bounces(request):
    if not _signature_ok(request):
        return HttpResponseForbidden()
    try:
        events = json.loads(request.body)["events"]
    except (ValueError, KeyError, TypeError):
        return HttpResponse(status=400)
    handled = 0
    for event in events:
        if not isinstance(event, dict) or not event.get("email"):
            continue
        if event.get("type") == "complaint":
            kind = "complaint"
        elif event.get("type") == "bounce":
            kind = "hard" if event.get("bounce") == "hard" else "soft"
        else:
            continue
        handled += subscriber_record_bounce(
            email=event["email"], kind=kind, message_id=str(event.get("message_id", ""))
        )
    return JsonResponse({"handled": handled})
