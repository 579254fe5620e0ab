"""What cms/wagtail_hooks.py registers for two-factor login: the URLs, the
entry on the account page, and the reset button in the users listing."""

from django.urls import include, path, reverse
from django.utils.translation import gettext as _

from wagtail.admin.widgets import Button

from cms.two_factor import urls
from cms.two_factor.policy import user_can_reset_two_factor
from cms.two_factor.services import user_has_two_factor


def admin_urls():
    return [path("two-factor/", include(urls))]


def account_menu_item(request):
    enabled = user_has_two_factor(request.user)
    return {
        "url": reverse("samverkan_two_factor_setup"),
        "label": _("Two-step verification"),
        "help_text": _("On: a code from your app is asked for at login.")
        if enabled
        else _("Off: turn it on to protect your account with a code from an app."),
    }


def user_listing_buttons(user, request_user):
    if user_has_two_factor(user) and user_can_reset_two_factor(
        admin=request_user, target=user
    ):
        yield Button(
            _("Reset two-step verification"),
            url=reverse("samverkan_two_factor_reset", args=(user.pk,)),
            icon_name="key",
            priority=90,
        )
