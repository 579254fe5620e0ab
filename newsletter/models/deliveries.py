import re

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# A mail server's refusal as recorded: "<code> <reply>"; rows recorded before
# 5 December 2026 hold the reply as Python wrote bytes (b'...').
SMTP_REFUSAL = re.compile(r"^(\d{3}) (?:b(['\"])(.*)\2|(.*))$", re.S)


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
    # Why it was not sent: a Reason, or the mail server's refusal.
    error = models.CharField(_("error"), max_length=500, blank=True)

    class Reason(models.TextChoices):
        CANCELLED = "cancelled", _("cancelled before it was sent")
        NO_LONGER_SUBSCRIBED = "no longer subscribed", _("no longer subscribed")
        SENDER_STOPPED = (
            "sender stopped before recording",
            _("the sender stopped before recording it: it may have arrived"),
        )

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

    @property
    def error_display(self) -> str:
        """The error as the sending page shows it, in the reader's language."""
        if self.error in self.Reason.values:
            return str(self.Reason(self.error).label)
        refusal = SMTP_REFUSAL.match(self.error)
        if refusal is None:
            return self.error
        code, _quote, quoted, plain = refusal.groups()
        return gettext("The mail server refused it: %(code)s %(reply)s") % {
            "code": code,
            "reply": quoted if quoted is not None else plain,
        }
