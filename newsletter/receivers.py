"""Signal receivers, connected in NewsletterConfig.ready(). Thin: the work is
in the services."""

from anymail.signals import tracking

from django.dispatch import receiver

from newsletter.services.bounces import bounce_record_tracking_event


@receiver(tracking, dispatch_uid="samverkan_newsletter.provider_tracking")
def provider_tracking_event(sender, event, esp_name, **kwargs):
    """An event from a mail provider's tracking webhook (through anymail)."""
    bounce_record_tracking_event(event=event, esp_name=esp_name)
