"""No page for a signed-in session that still owes its second factor.

After the password, a user with an authenticator app reaches nothing but the
code form until a code is accepted; a user who must use two-factor login
but has not set it up reaches nothing but the set-up page. This runs for
every URL (the admin and its API, previews, documents, restricted pages),
not only the dashboard, because it looks at the session, not the path.
Sessions without a signed-in user (partners, visitors) pass untouched.
"""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

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
        return redirect(f"{reverse(step)}?{query}")
