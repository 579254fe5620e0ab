"""The review routine's records: the append-only review log, who coordinates
reviews per organisation, people who left (or whose mail bounces), the
reminders and digests sent, and snoozes.

A review *cycle* is named by the due date it answers (`cycle`): a review
moves `next_review_due`, which starts a new cycle."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewMethod(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed unchanged")
    EDITED = "edited", _("Edited and reviewed")
    IMPORT = "import", _("By import")
    COORDINATOR = "coordinator", _("By the coordinator")


class ReviewEvent(models.Model):
    """One review of an intervention. Append-only: never updated."""

    intervention = models.ForeignKey(
        "samverkan_cms.InterventionPage",
        verbose_name=_("intervention"),
        on_delete=models.CASCADE,
        related_name="review_events",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), db_index=True)
    method = models.CharField(_("how"), max_length=20, choices=ReviewMethod.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    person = models.ForeignKey(
        "samverkan_cms.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True)
    cycle = models.DateField(_("cycle (due date answered)"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-reviewed_at", "-pk"]

    def __str__(self):
        return f"{self.intervention_id} {self.method} {self.reviewed_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("The review log is append-only.")
        super().save(*args, **kwargs)


class ReviewCoordinator(models.Model):
    """The organisation's review coordinator: a Person of the organisation
    (an account is not needed) who is copied on escalations and receives
    the entries of owners who left."""

    organisation = models.OneToOneField(
        "samverkan_cms.OrganisationPage",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="review_coordinator",
    )
    person = models.ForeignKey(
        "samverkan_cms.Person",
        verbose_name=_("coordinator"),
        on_delete=models.PROTECT,
        related_name="coordinates_reviews_for",
    )

    class Meta:
        verbose_name = _("review coordinator")
        verbose_name_plural = _("review coordinators")

    def __str__(self):
        return f"{self.person.name} ({self.organisation.title})"


class AbsenceReason(models.TextChoices):
    LEFT = "left", _("Left the organisation")
    BOUNCED = "bounced", _("E-mail bounces")


class PersonAbsence(models.Model):
    """A person who no longer answers for their entries: they left, or mail
    to them bounces. Their entries go to the coordinator."""

    person = models.OneToOneField(
        "samverkan_cms.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="review_absence",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=AbsenceReason.choices)
    since = models.DateTimeField(_("since"))

    class Meta:
        verbose_name = _("absent person")
        verbose_name_plural = _("absent people")

    def __str__(self):
        return f"{self.person_id} {self.reason}"


class ReviewDigest(models.Model):
    """One digest e-mail to one person. Created (with its reminders) before
    it is sent; `sent_at` is set once the mail server took it. A digest
    left unsent by a crash is sent again with the same Message-ID."""

    recipient = models.ForeignKey(
        "samverkan_cms.Person",
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="review_digests",
    )
    email = models.EmailField(_("e-mail"))
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    created_at = models.DateTimeField(_("created"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    breaks_cap = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("review digest")
        verbose_name_plural = _("review digests")
        indexes = [models.Index(fields=["recipient", "sent_at"])]

    def __str__(self):
        return self.message_id


class ReminderStep(models.TextChoices):
    HEADS_UP = "heads_up", _("Heads-up")
    DUE = "due", _("Due")
    REMINDER = "reminder", _("Reminder")
    ESCALATED = "escalated", _("Coordinator copied")
    OVERDUE = "overdue", _("Overdue")
    ORPHANED = "orphaned", _("Owner gone")


class Reminder(models.Model):
    """One item of one digest: this recipient was told about this
    intervention at this step of this cycle. Unique, so nothing is sent
    twice."""

    digest = models.ForeignKey(
        ReviewDigest, on_delete=models.CASCADE, related_name="reminders"
    )
    recipient = models.ForeignKey(
        "samverkan_cms.Person", on_delete=models.CASCADE, related_name="+"
    )
    intervention = models.ForeignKey(
        "samverkan_cms.InterventionPage",
        on_delete=models.CASCADE,
        related_name="review_reminders",
    )
    step = models.CharField(_("step"), max_length=20)
    cycle = models.DateField(_("cycle"))
    as_coordinator = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "intervention", "step", "cycle"],
                name="samverkan_reminder_once_per_step",
            )
        ]
        indexes = [models.Index(fields=["cycle"])]

    def __str__(self):
        return f"{self.recipient_id} {self.intervention_id} {self.step} {self.cycle}"


class ReviewSnooze(models.Model):
    """A snooze of one cycle: the ladder counts from `until` instead of the
    due date. At most one per intervention and cycle; a reason is required."""

    intervention = models.ForeignKey(
        "samverkan_cms.InterventionPage",
        on_delete=models.CASCADE,
        related_name="review_snoozes",
    )
    cycle = models.DateField(_("cycle"))
    until = models.DateField(_("snoozed until"))
    reason = models.TextField(_("reason"))
    person = models.ForeignKey(
        "samverkan_cms.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("snooze")
        verbose_name_plural = _("snoozes")
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "cycle"],
                name="samverkan_snooze_once_per_cycle",
            ),
            models.CheckConstraint(
                condition=~models.Q(reason=""), name="samverkan_snooze_has_reason"
            ),
        ]

    def __str__(self):
        return f"{self.intervention_id} {self.cycle} → {self.until}"
