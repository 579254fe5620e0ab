"""No page for a signed-in session that still owes its second factor.

After the password, a user with an authenticator app reaches nothing but the
code form until a code is accepted; a user who must use two-factor login
but has not set it up reaches nothing but the set-up page. This runs for
every URL (the admin and its API, previews, documents, restricted pages),
not only the dashboard, because it looks at the session, not the path.
Sessions without a signed-in user (partners, visitors) pass untouched, and
partner reads (delivery.access) are not looked at: they show the same
public data to every session.
A request that wants JSON (the admin API, or a script asking for JSON) gets
a 401 with a JSON body saying which step is owed, not a redirect to a form.
"""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from cms.http.middleware import accepts_only_json
from cms.two_factor.policy import two_factor_required_for
from cms.two_factor.services import user_has_two_factor

VERIFY_VIEW = "samverkan_two_factor_verify"
SETUP_VIEW = "samverkan_two_factor_setup"
# Open while the code is still owed: leaving, and what the code form's page
# itself loads (icons, the admin's translations).
ALWAYS_OPEN = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    VERIFY_VIEW,
}


def _owed_step(user) -> str | None:
    """The view this user must pass before any other, or None."""
    if user_has_two_factor(user):
        return VERIFY_VIEW
    if two_factor_required_for(user):
        return SETUP_VIEW
    return None


class TwoFactorMiddleware:
    """Needs django_otp.middleware.OTPMiddleware before it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(request, "partner_client", None) is not None:
            # A partner read (delivery.access): public data by API key, the
            # same for any session. Reading the user would load the session
            # and make the answer vary by Cookie for nothing.
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        view_name = request.resolver_match.view_name
        if view_name in ALWAYS_OPEN:
            return None
        step = _owed_step(user)
        if step is None or step == view_name:
            return None
        query = urlencode({"next": request.get_full_path()})
        if _wants_json(request):
            return _step_owed_json(step, f"{reverse(step)}?{query}")
        return redirect(f"{reverse(step)}?{query}")


def _wants_json(request) -> bool:
    return request.path.startswith(
        reverse("wagtailadmin_home") + "api/"
    ) or accepts_only_json(request)


def _step_owed_json(step: str, url: str) -> JsonResponse:
    if step == VERIFY_VIEW:
        detail = _("Enter the code from your authenticator app first.")
        code = "two_factor_required"
    else:
        detail = _("Set up two-step verification first.")
        code = "two_factor_setup_required"
    return JsonResponse({"detail": detail, "code": code, "url": url}, status=401)
