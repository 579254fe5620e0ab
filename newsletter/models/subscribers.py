import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from newsletter.languages import subscriber_language_choices
from newsletter.models.regions import region_field


class Subscriber(models.Model):
    """A reader of one region's newsletter (the same address may read
    another region's as another subscriber). Only confirmed subscribers are
    ever mailed; the consent fields record when, how and under which policy
    they agreed."""

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        UNSUBSCRIBED = "unsubscribed", _("unsubscribed")
        BOUNCED = "bounced", _("bounced")
        COMPLAINED = "complained", _("complained")

    class Source(models.TextChoices):
        FORM = "form", _("subscribe form")
        IMPORT = "import", _("import")
        ADMIN = "admin", _("added by an administrator")

    region = region_field(related_name="newsletter_subscribers")
    email = models.EmailField(_("e-mail"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    # One of the installation's content languages (newsletter.languages).
    language = models.CharField(
        _("language"), max_length=16, choices=subscriber_language_choices, default="sv"
    )
    audiences = models.ManyToManyField(
        "samverkan_newsletter.Audience",
        verbose_name=_("audiences"),
        related_name="subscribers",
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    # Secret of the subscriber's own links (unsubscribe, preferences).
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    consent_source = models.CharField(
        _("consent source"), max_length=16, choices=Source.choices, blank=True
    )
    consent_detail = models.CharField(
        _("consent detail"),
        max_length=255,
        blank=True,
        help_text=_("E.g. the event or list an imported address came from."),
    )
    consent_policy_version = models.CharField(
        _("privacy policy version"), max_length=32, blank=True
    )
    consent_ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    soft_bounces = models.PositiveIntegerField(_("soft bounces in a row"), default=0)
    # The message of the last soft bounce counted: a provider reports every
    # failed retry of one message, which counts once.
    soft_bounce_message_id = models.CharField(
        max_length=255, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "email"], name="newsletter_subscriber_in_region"
            )
        ]

    def __str__(self):
        return self.email
