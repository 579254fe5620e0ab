"""Built payloads: one version of an object in one adapter's format."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Payload(models.Model):
    """The JSON text an adapter sends for one change (one version of one
    object) in its format ("api", "hsds", "informationsverige"): built once,
    in bulk, when a delivery first needs it, and reused for every target and
    every retry; also by a later resync or a new target. Deleted once a newer
    change of the object exists (sync.services.pruning)."""

    change = models.ForeignKey(
        "samverkan_cms.ContentChange",
        verbose_name=_("change"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    format = models.CharField(_("format"), max_length=32)
    body = models.TextField(_("body"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("payload")
        verbose_name_plural = _("payloads")
        constraints = [
            models.UniqueConstraint(
                fields=["change", "format"], name="unique_payload_per_format"
            )
        ]

    def __str__(self):
        return f"{self.change_id}:{self.format}"
