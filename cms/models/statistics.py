"""How often each intervention is read: one row per intervention, day and
source (the public site, the delivery API), flushed from counters in the
cache (cms.statistics.counting). No visitor is identified: no IP address,
cookie or user agent is stored."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReadSource(models.TextChoices):
    WEB = "web", _("Public site")
    API = "api", _("Delivery API")


class InterventionReadDay(models.Model):
    day = models.DateField(_("day"))
    intervention = models.ForeignKey(
        "samverkan_cms.InterventionPage",
        verbose_name=_("intervention"),
        on_delete=models.CASCADE,
        related_name="read_days",
    )
    source = models.CharField(_("source"), max_length=3, choices=ReadSource.choices)
    reads = models.PositiveBigIntegerField(_("reads"), default=0)

    class Meta:
        verbose_name = _("intervention reads per day")
        verbose_name_plural = _("intervention reads per day")
        ordering = ["-day", "intervention_id", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "intervention", "source"],
                name="unique_intervention_read_day",
            )
        ]

    def __str__(self):
        return f"{self.day} {self.intervention_id} {self.source}: {self.reads}"
