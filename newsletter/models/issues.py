from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import PreviewableMixin

from newsletter.blocks import NewsletterBodyBlock
from newsletter.languages import (
    subscriber_language_choices,
    translation_language_choices,
)
from newsletter.models.regions import region_field


def issue_language_choices():
    return [
        ("", _("Every subscriber (in their language, else Swedish)")),
        *subscriber_language_choices(),
    ]


class NewsletterIssue(PreviewableMixin, ClusterableModel):
    """One issue: composed from blocks, previewed as the e-mail, then sent.
    Once sending starts its HTML and text are frozen, so the archive shows
    what was sent."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SCHEDULED = "scheduled", _("scheduled")
        SENDING = "sending", _("sending")
        PAUSED = "paused", _("paused")
        SENT = "sent", _("sent")
        CANCELLED = "cancelled", _("cancelled")

    region = region_field(related_name="newsletter_issues")
    subject = models.CharField(_("subject"), max_length=200)
    preheader = models.CharField(
        _("preview text"),
        max_length=200,
        blank=True,
        help_text=_("Shown after the subject in most inboxes."),
    )
    audiences = models.ManyToManyField(
        "samverkan_newsletter.Audience",
        verbose_name=_("audiences"),
        related_name="issues",
        help_text=_(
            "Sent to confirmed subscribers of any of these audiences (of the "
            "issue's region)."
        ),
    )
    body = StreamField(NewsletterBodyBlock(), verbose_name=_("content"), blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=issue_language_choices,
        blank=True,
        default="",
        help_text=_(
            "An issue in one language goes only to the subscribers who chose it. "
            "An issue for every subscriber goes in their language where it has "
            "a translation, else in Swedish."
        ),
    )

    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.DRAFT,
        editable=False,
    )
    scheduled_at = models.DateTimeField(
        _("scheduled for"), null=True, blank=True, editable=False
    )
    started_at = models.DateTimeField(_("sending started"), null=True, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, editable=False)
    html_frozen = models.TextField(blank=True, editable=False)
    text_frozen = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The admin's form: newsletter.wagtail_hooks.IssueViewSet.
    panels = [
        # A plain choice of the user's regions (not a page chooser).
        FieldPanel("region", widget=forms.Select),
        FieldPanel("subject"),
        FieldPanel("preheader"),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        FieldPanel("language"),
        FieldPanel("body"),
        InlinePanel(
            "translations",
            heading=_("Translations"),
            label=_("Translation"),
            help_text=_(
                "Subscribers who chose a language get its translation; all "
                "others get the issue in Swedish."
            ),
        ),
    ]

    preview_modes = [("", _("E-mail")), ("text", _("Plain text"))]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")

    def __str__(self):
        return self.subject

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.SCHEDULED)

    def get_preview_template(self, request, mode_name):
        return "samverkan_newsletter/admin/preview.html"

    def get_preview_context(self, request, mode_name):
        from newsletter.rendering import issue_render

        rendered = issue_render(issue=self)
        return {
            "object": self,
            "mode": mode_name,
            "html": rendered.html_for_archive(),
            "text": rendered.text,
        }


class NewsletterIssueTranslation(models.Model):
    """The issue in another language, for the subscribers who chose it.
    Frozen with the issue when sending starts."""

    issue = ParentalKey(
        NewsletterIssue,
        verbose_name=_("newsletter issue"),
        on_delete=models.CASCADE,
        related_name="translations",
    )
    language = models.CharField(
        _("language"), max_length=16, choices=translation_language_choices
    )
    subject = models.CharField(_("subject"), max_length=200)
    preheader = models.CharField(
        _("preview text"),
        max_length=200,
        blank=True,
        help_text=_("Shown after the subject in most inboxes."),
    )
    body = StreamField(NewsletterBodyBlock(), verbose_name=_("content"), blank=True)
    html_frozen = models.TextField(blank=True, editable=False)
    text_frozen = models.TextField(blank=True, editable=False)

    panels = [
        FieldPanel("language"),
        FieldPanel("subject"),
        FieldPanel("preheader"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "language"], name="one_translation_per_language"
            )
        ]

    def __str__(self):
        return f"{self.subject} ({self.language})"
