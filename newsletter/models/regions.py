from django.db import models
from django.utils.translation import gettext_lazy as _


def region_field(*, related_name: str) -> models.ForeignKey:
    """The region a newsletter row (audience, subscriber, issue) belongs to.
    Empty only on rows from before regions (migration 0007 gives them the
    region when there was one); only superusers see those."""
    return models.ForeignKey(
        "samverkan_cms.RegionPage",
        verbose_name=_("region"),
        null=True,
        on_delete=models.CASCADE,
        related_name=related_name,
    )
