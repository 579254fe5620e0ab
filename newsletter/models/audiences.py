from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.Model):
    """A list readers subscribe to, e.g. internal or external partners."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.CharField(_("description"), max_length=255, blank=True)
    public = models.BooleanField(
        _("open for subscription"),
        default=True,
        help_text=_("Shown on the public subscribe form."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")

    def __str__(self):
        return self.name
