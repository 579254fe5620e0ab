from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationState(models.Model):
    """How a translated page stands to its Swedish source: the fingerprint
    of the source's content it was last published against, and since when
    the source has changed after that (outdated). Kept by
    cms.translations.outdated; one row per translated page."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("translation"),
        on_delete=models.CASCADE,
        related_name="samverkan_translation_state",
    )
    source_fingerprint = models.CharField(
        _("fingerprint of the source"), max_length=64, blank=True
    )
    outdated_since = models.DateTimeField(
        _("outdated since"), null=True, blank=True, db_index=True
    )

    class Meta:
        verbose_name = _("translation state")
        verbose_name_plural = _("translation states")

    def __str__(self):
        return f"{self.page_id}: {'outdated' if self.outdated_since else 'current'}"
