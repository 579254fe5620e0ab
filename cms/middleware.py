"""Request middleware of Samverkan."""

from django.db import transaction

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
