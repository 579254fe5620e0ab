"""Reads of the delivery app: the partner API keys a user may manage."""

from django.db.models import QuerySet

from cms.scoping.selectors import regions_administered_by
from delivery.models import PartnerApiKey


def api_keys_manageable_by(*, user) -> QuerySet[PartnerApiKey]:
    """Partner API keys of the regions the user administers; every key for
    a superuser (keys of no region read every region)."""
    if user.is_superuser:
        return PartnerApiKey.objects.all()
    return PartnerApiKey.objects.filter(region__in=regions_administered_by(user=user))
