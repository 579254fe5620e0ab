from django.db import models
from django.utils.translation import gettext_lazy as _

from newsletter.models.regions import region_field


class SubscriptionRequest(models.Model):
    """The public subscribe form's outbox: one row per submission, written
    by the request whatever the address's state (the same single INSERT, so
    no oracle by time), then processed by a task. The row is the record of
    what must still happen: it is processed (the subscriber recorded) and
    its e-mail sent by `newsletter.tasks.process_subscription_request`, and
    the periodic sweep queues rows left unfinished (broker down, worker or
    SMTP server failing) again. Finished rows are deleted after
    SUBSCRIPTION_REQUEST_RETENTION_DAYS: they hold personal data."""

    # The e-mail processing decides on (`mail`).
    MAIL_NONE = ""  # a complained address, or the region went
    MAIL_CONFIRM = "confirm"
    MAIL_ALREADY = "already"

    region = region_field(related_name="newsletter_subscription_requests")
    email = models.EmailField(_("e-mail"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=16, default="sv")
    audience_ids = models.JSONField(default=list, blank=True)
    consent_ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    requested_at = models.DateTimeField(_("requested"))
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)
    subscriber = models.ForeignKey(
        "samverkan_newsletter.Subscriber",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subscription_requests",
    )
    # The e-mail processing decided on, and when it went out.
    mail = models.CharField(max_length=16, blank=True)
    mailed_at = models.DateTimeField(_("e-mail sent"), null=True, blank=True)
    # The sweep queues an unfinished row again from this time on, backing
    # off (the wait doubles each time) and giving up after
    # SUBSCRIPTION_REQUEST_MAX_SWEEPS times; retention deletes it later.
    next_sweep_at = models.DateTimeField()
    sweeps = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("subscription request")
        verbose_name_plural = _("subscription requests")
        indexes = [
            models.Index(fields=["requested_at"]),
            models.Index(fields=["next_sweep_at"]),
        ]

    def __str__(self):
        return self.email

    @property
    def finished(self) -> bool:
        return self.processed_at is not None and (
            not self.mail or self.mailed_at is not None
        )
