from django.db import models
from django.utils.translation import gettext_lazy as _


class Suggester(models.Model):
    """Who suggested an intervention through the public form: personal data
    kept apart from the draft it became, so that it can be exported, erased,
    and deleted after the retention time (cms.personal_data). Deleting the
    draft deletes it too."""

    page = models.ForeignKey(
        "samverkan_cms.InterventionPage",
        verbose_name=_("suggested intervention"),
        on_delete=models.CASCADE,
        related_name="suggesters",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    created_at = models.DateTimeField(_("suggested"), auto_now_add=True)

    class Meta:
        verbose_name = _("suggester")
        verbose_name_plural = _("suggesters")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self):
        return self.name
