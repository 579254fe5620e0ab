from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    """How partners read the content: the delivery API, HSDS, JSON-LD,
    feeds, and partner access (keys, rate limits, usage)."""

    name = "delivery"
    label = "samverkan_delivery"
    verbose_name = _("Samverkan delivery")
    default_auto_field = "django.db.models.BigAutoField"
