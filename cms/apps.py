from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    label = "samverkan_cms"
    verbose_name = _("Samverkan content")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import checks, signal_handlers

        signal_handlers.connect()
        checks.register_checks()
