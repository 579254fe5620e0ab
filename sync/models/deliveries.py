"""One delivery of one change to one target, with its last attempt's
outcome, and the history of its attempts when there was more than one."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from sync.errors import error_text


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    DELIVERED = "delivered", _("delivered")
    SUPERSEDED = "superseded", _("superseded by a newer version")
    FAILED = "failed", _("failed")


class Delivery(models.Model):
    """Rows are the source of truth: a pending row is sent when
    `next_attempt_at` has passed, whether or not its Celery task survived.
    While a row is being sent, `next_attempt_at` is pushed forward by a lease
    so a killed worker's row falls due again."""

    target = models.ForeignKey(
        "samverkan_sync.Target",
        verbose_name=_("target"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    change = models.ForeignKey(
        "samverkan_cms.ContentChange",
        verbose_name=_("change"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    # Copied from the change, for coalescing without a join.
    object_id = models.UUIDField(_("object id"))
    version = models.PositiveIntegerField(_("version"))
    # The webhook-id: the change's event id, or a fresh one for a resync.
    message_id = models.UUIDField(_("message id"), default=uuid.uuid4)
    resync = models.BooleanField(_("resync"), default=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(
        _("last HTTP status"), null=True, blank=True
    )
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    last_duration_ms = models.PositiveIntegerField(
        _("last duration (ms)"), null=True, blank=True
    )
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["change", "target"],
                condition=models.Q(resync=False),
                name="unique_delivery_per_change_target",
            ),
            models.UniqueConstraint(
                fields=["target", "message_id"], name="unique_delivery_message"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="delivery_due"),
            models.Index(
                fields=["target", "status", "next_attempt_at"],
                name="delivery_target_due",
            ),
            models.Index(
                fields=["target", "object_id", "-change"], name="delivery_object"
            ),
        ]

    def __str__(self):
        return f"{self.target_id}:{self.message_id} ({self.status})"

    def last_error_text(self) -> str:
        return error_text(self.last_error)


class DeliveryAttempt(models.Model):
    """One attempt of a delivery that did not succeed at once: every failed
    attempt, and the success that follows failures. (A delivery delivered
    at the first try is described by its own last_* fields alone.) Pruned
    after ATTEMPT_HISTORY_DAYS (sync.conf)."""

    delivery = models.ForeignKey(
        Delivery,
        verbose_name=_("delivery"),
        on_delete=models.CASCADE,
        related_name="attempt_history",
    )
    number = models.PositiveIntegerField(_("attempt"))
    at = models.DateTimeField(_("time"))
    status_code = models.PositiveSmallIntegerField(
        _("HTTP status"), null=True, blank=True
    )
    error = models.CharField(_("error"), max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)

    class Meta:
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")
        ordering = ["delivery", "-at", "-id"]
        indexes = [models.Index(fields=["at"], name="delivery_attempt_at")]

    def __str__(self):
        return f"{self.delivery_id} #{self.number}"

    def error_text(self) -> str:
        return error_text(self.error)
