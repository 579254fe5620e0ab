"""Partner API keys and the delivery API's usage statistics."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerApiKey(models.Model):
    """A key a partner sends as `Authorization: Api-Key <key>` (or
    `X-Api-Key`) for a higher request rate and its own usage figures. Only a
    hash is stored: the key is shown once, when it is created."""

    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey(
        "samverkan_cms.RegionPage",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="api_keys",
        help_text=_(
            "The key reads only this region's content. Empty: every region "
            "(only a superuser may create such a key)."
        ),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    prefix = models.CharField(_("prefix"), max_length=12, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    requests_per_minute = models.PositiveIntegerField(
        _("requests per minute"),
        null=True,
        blank=True,
        help_text=_("Empty: the default for partner keys."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        db_table = "samverkan_cms_partnerapikey"  # kept from the cms app
        verbose_name = _("partner API key")
        verbose_name_plural = _("partner API keys")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ApiUsageDay(models.Model):
    """Requests per day, client and endpoint, flushed from counters in the
    cache by a periodic task."""

    day = models.DateField(_("day"))
    client = models.CharField(
        _("client"), max_length=200, help_text=_("Key name, or anonymous.")
    )
    endpoint = models.CharField(_("endpoint"), max_length=100)
    region = models.ForeignKey(
        "samverkan_cms.RegionPage",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The region read (the key's, or the one asked for)."),
    )
    requests = models.PositiveBigIntegerField(_("requests"), default=0)
    not_modified = models.PositiveBigIntegerField(_("answered 304"), default=0)
    throttled = models.PositiveBigIntegerField(_("refused (429)"), default=0)

    class Meta:
        db_table = "samverkan_cms_apiusageday"  # kept from the cms app
        verbose_name = _("API usage per day")
        verbose_name_plural = _("API usage per day")
        ordering = ["-day", "client", "endpoint"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "client", "endpoint", "region"],
                name="unique_usage_day_region",
            )
        ]

    def __str__(self):
        return f"{self.day} {self.client} {self.endpoint}: {self.requests}"
