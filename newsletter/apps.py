from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "newsletter"
    label = "samverkan_newsletter"
    verbose_name = _("Samverkan newsletter")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from newsletter import receivers  # noqa: F401  (connects them)
