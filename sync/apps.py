from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyncConfig(AppConfig):
    name = "sync"
    label = "samverkan_sync"
    verbose_name = _("Samverkan partner sync")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from sync import signal_handlers  # noqa: F401
