from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.Model):
    """One issue to one subscriber: created once when sending starts, marked
    sent only after the SMTP server accepted the message."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        UNCERTAIN = "uncertain", _("uncertain (sender crashed)")
        FAILED = "failed", _("failed")
        SKIPPED = "skipped", _("skipped")

    issue = models.ForeignKey(
        "samverkan_newsletter.NewsletterIssue",
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    # Null once the subscriber erased their data: the row stays as a count.
    subscriber = models.ForeignKey(
        "samverkan_newsletter.Subscriber",
        on_delete=models.SET_NULL,
        null=True,
        related_name="deliveries",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="newsletter_one_delivery_each"
            )
        ]
        # No index holds the status or the times: sending changes them twice
        # a message, and PostgreSQL then updates the row in place (a "HOT"
        # update, no index entries) in the room the table's fill factor
        # leaves on each page (migration 0010). The per-issue reads by status
        # (progress, the finished check) walk the issue's rows through the
        # unique index instead.

    def __str__(self):
        return f"{self.issue_id}/{self.subscriber_id}: {self.status}"
