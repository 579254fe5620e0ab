"""Wagtail's page-password form, throttled like the admin login: at most
ATTEMPTS guesses per client address and protected page in WINDOW seconds,
then 429 with Retry-After until the window ends (Wagtail itself answers
every guess at once). Routed ahead of Wagtail's view at its own path."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from wagtail import views as wagtail_views

from cms.http.client import client_bucket
from cms.http.ratelimit import rate_limit_hit

ATTEMPTS = 5
WINDOW = 15 * 60


def authenticate_with_password(request, page_view_restriction_id, page_id):
    if request.method == "POST":
        decision = rate_limit_hit(
            limit_name="page-password",
            bucket=client_bucket(request, scope=str(page_view_restriction_id)),
            limit=ATTEMPTS,
            window_seconds=WINDOW,
        )
        if not decision.allowed:
            response = HttpResponse(
                _("Too many attempts. Wait a while and try again."),
                status=429,
                content_type="text/plain; charset=utf-8",
            )
            response["Retry-After"] = str(decision.reset_in)
            return response
    return wagtail_views.authenticate_with_password(
        request, page_view_restriction_id, page_id
    )
