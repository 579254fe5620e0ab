from django.db import models
from django.utils.translation import gettext_lazy as _


class InterventionCategory(models.Model):
    """A category of the intervention bank (SFI, civic orientation, ...).
    A managed taxonomy: central administrators edit it."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("intervention category")
        verbose_name_plural = _("intervention categories")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Language(models.Model):
    """A language an intervention is offered in, by ISO 639-1 code (or
    ISO 639-3 where a language has no two-letter code)."""

    code = models.CharField(_("ISO 639 code"), max_length=3, unique=True)
    name = models.CharField(_("name in Swedish"), max_length=60)
    native_name = models.CharField(_("native name"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.code})"
