"""Bounce and complaint webhook for the mail provider.

POST JSON `{"events": [{"type": "bounce"|"complaint", "email": "...",
"bounce": "hard"|"soft"}]}` with the header
`X-Samverkan-Signature: sha256=<hex HMAC-SHA256 of the raw body with
SAMVERKAN_NEWSLETTER["WEBHOOK_SECRET"]>`. A relay or provider adapter
translates its own format into this (see README)."""

import hashlib
import hmac
import json

from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from newsletter.conf import newsletter_setting
from newsletter.services.subscribers import subscriber_record_bounce


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
        handled += subscriber_record_bounce(email=event["email"], kind=kind)
    return JsonResponse({"handled": handled})
