"""Receivers only: the outbox fan-out runs in the transaction of the change."""

from django.dispatch import receiver

from cms.signals import content_changed


@receiver(content_changed, dispatch_uid="samverkan_sync_fan_out")
def fan_out_change(sender, change, **kwargs):
    from sync.services import deliveries_fan_out

    deliveries_fan_out(change=change)
