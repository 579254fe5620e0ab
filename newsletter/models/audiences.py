from django.db import models
from django.utils.translation import gettext_lazy as _

from newsletter.models.regions import region_field


class Audience(models.Model):
    """A list readers subscribe to, e.g. internal or external partners, of
    one region."""

    region = region_field(related_name="newsletter_audiences")
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.CharField(_("description"), max_length=255, blank=True)
    public = models.BooleanField(
        _("open for subscription"),
        default=True,
        help_text=_("Shown on the public subscribe form."),
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"], name="newsletter_audience_slug_in_region"
            ),
            models.UniqueConstraint(
                fields=["region", "name"], name="newsletter_audience_name_in_region"
            ),
        ]
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")

    def __str__(self):
        return self.name
