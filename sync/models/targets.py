"""A partner system we push content to."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sync.crypto import secret_decrypt, secret_encrypt


class Adapter(models.TextChoices):
    WEBHOOK = "webhook", _("Generic webhook (Standard Webhooks)")
    HSDS = "hsds", _("HSDS push (Open Referral services, batched)")
    INFORMATIONSVERIGE = "informationsverige", _("Informationsverige (proposal)")


class Target(models.Model):
    region = models.ForeignKey(
        "samverkan_cms.RegionPage",
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        related_name="sync_targets",
    )
    name = models.CharField(_("name"), max_length=100)
    adapter = models.CharField(
        _("adapter"), max_length=32, choices=Adapter.choices, default=Adapter.WEBHOOK
    )
    url = models.URLField(_("URL"), max_length=500)
    # Fernet token; the plain secret is never shown again after it is set.
    credentials_encrypted = models.TextField(editable=False, blank=True)
    send_interventions = models.BooleanField(_("send interventions"), default=True)
    send_news = models.BooleanField(_("send news"), default=False)
    organisations = models.ManyToManyField(
        "samverkan_cms.OrganisationPage",
        verbose_name=_("organisations"),
        blank=True,
        related_name="+",
        help_text=_("Send only these organisations' content; empty sends all."),
    )
    enabled = models.BooleanField(_("enabled"), default=True)
    disabled_reason = models.CharField(_("why disabled"), max_length=300, blank=True)
    disabled_at = models.DateTimeField(_("disabled at"), null=True, blank=True)
    failing_since = models.DateTimeField(
        _("failing since"), null=True, blank=True, editable=False
    )
    max_per_second = models.PositiveIntegerField(
        _("requests per second"), default=0, help_text=_("0 means no limit.")
    )
    max_concurrency = models.PositiveSmallIntegerField(
        _("parallel requests"), default=2
    )
    batch_size = models.PositiveSmallIntegerField(
        _("items per request"),
        default=100,
        help_text=_("For adapters that send several items in one request."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("partner target")
        verbose_name_plural = _("partner targets")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def secret(self) -> str:
        return secret_decrypt(self.credentials_encrypted)

    @secret.setter
    def secret(self, plain: str) -> None:
        self.credentials_encrypted = secret_encrypt(plain)

    @property
    def has_secret(self) -> bool:
        return bool(self.credentials_encrypted)

    def object_types(self) -> list[str]:
        return [
            object_type
            for object_type, wanted in (
                ("intervention", self.send_interventions),
                ("news", self.send_news),
            )
            if wanted
        ]
