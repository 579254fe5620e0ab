"""Signal receivers, connected in NewsletterConfig.ready(). Thin: the work is
in the services."""

from anymail.signals import tracking

from django.db.models.signals import post_save
from django.dispatch import receiver

from cms.models import RegionPage
from newsletter.scoping import newsletter_regions
from newsletter.services.audiences import audiences_provide_defaults
from newsletter.services.bounces import bounce_record_tracking_event


@receiver(tracking, dispatch_uid="samverkan_newsletter.provider_tracking")
def provider_tracking_event(sender, event, esp_name, **kwargs):
    """An event from a mail provider's tracking webhook (through anymail)."""
    bounce_record_tracking_event(event=event, esp_name=esp_name)


@receiver(post_save, sender=RegionPage, dispatch_uid="samverkan_newsletter.region")
def region_created(sender, instance, created, raw=False, **kwargs):
    """A new region gets its own default audiences (its translations share
    the region's newsletter)."""
    if created and not raw and newsletter_regions().filter(pk=instance.pk).exists():
        audiences_provide_defaults(region=instance)
