"""Request middleware of Samverkan."""

from collections import Counter

from django.contrib import messages
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


class WriteTransactionMiddleware:
    """Every request that may write (POST, PUT, PATCH, DELETE) runs in one
    database transaction, so a publish in the admin and the change-log row
    it records (the changes feed and the sync outbox) commit together or not
    at all. Reads stay outside transactions: a conditional GET never touches
    the database. (Django's ATOMIC_REQUESTS would wrap reads too, and makes
    DRF roll back on every 404.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in SAFE_METHODS:
            return self.get_response(request)
        with transaction.atomic():
            response = self.get_response(request)
            if response.status_code >= 500:
                transaction.set_rollback(True)
            return response


class ProtectedDeletionMiddleware:
    """Deleting something that other records still need (an organisation
    with its people, a person who is someone's contact...) is refused by the
    database's PROTECT rules with ProtectedError, which Wagtail's delete
    views and its admin API let through as a 500. Answer it instead: 409
    with a JSON reason for the admin API (and clients asking for JSON), else
    the reason as an error message on the page the user came from. Nothing
    is written: the request's transaction is rolled back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ProtectedError | RestrictedError):
            return None
        if transaction.get_connection().in_atomic_block:
            transaction.set_rollback(True)
        reason = _protected_reason(exception)
        if "/api/" in request.path or accepts_only_json(request):
            return JsonResponse({"detail": reason, "code": "protected"}, status=409)
        messages.error(request, reason)
        back = request.headers.get("Referer", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}
        ):
            back = reverse("wagtailadmin_home")
        return redirect(back)


def accepts_only_json(request) -> bool:
    """A client asking for JSON and not for a page (a script, an API call)."""
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


def _protected_reason(exception) -> str:
    """What still refers to it, by kind and number (no names: they may be
    another organisation's)."""
    objects = (
        exception.protected_objects
        if isinstance(exception, ProtectedError)
        else exception.restricted_objects
    )
    counts = Counter(str(obj._meta.verbose_name_plural) for obj in objects)
    needed = ", ".join(f"{name}: {count}" for name, count in sorted(counts.items()))
    return _(
        "It cannot be deleted while other records still refer to it (%(needed)s). "
        "Move or delete those first."
    ) % {"needed": needed}
