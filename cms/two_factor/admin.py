"""What cms/wagtail_hooks.py registers for two-factor login: the URLs, the
entry on the account page, the reset button in the users listing, and the
audit log actions."""

from django.urls import include, path, reverse
from django.utils.translation import gettext as _

from wagtail.admin.widgets import Button

from cms.two_factor import urls
from cms.two_factor.policy import user_can_reset_two_factor
from cms.two_factor.services import (
    LOG_DISABLED,
    LOG_ENABLED,
    LOG_RESET,
    user_has_two_factor,
)


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


def register_log_actions(actions):
    actions.register_action(
        LOG_ENABLED,
        _("Turn on two-step verification"),
        _("Two-step verification turned on"),
    )
    actions.register_action(
        LOG_DISABLED,
        _("Turn off two-step verification"),
        _("Two-step verification turned off"),
    )
    actions.register_action(
        LOG_RESET,
        _("Reset two-step verification"),
        _("Two-step verification reset by an administrator"),
    )
