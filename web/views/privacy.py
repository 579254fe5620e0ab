"""The privacy notice (GDPR art. 13): what personal data the region's
website keeps, why, for how long, and how a person gets it out or erased.
Figures come from the settings that decide them, so the page cannot drift
from what the code does."""

from django.apps import apps
from django.template.response import TemplateResponse

from cms.personal_data.conf import personal_data_setting
from web.regions import region_or_404


def _newsletter_setting(name: str):
    if not apps.is_installed("newsletter"):
        return None
    from newsletter.conf import newsletter_setting

    return newsletter_setting(name)


def privacy(request):
    context = {
        "region": region_or_404(request),
        "newsletter": apps.is_installed("newsletter"),
        "unconfirmed_days": _newsletter_setting("UNCONFIRMED_RETENTION_DAYS"),
        "policy_version": _newsletter_setting("POLICY_VERSION"),
        "suggester_days": personal_data_setting("SUGGESTER_RETENTION_DAYS"),
    }
    return TemplateResponse(request, "web/privacy.html", context)
