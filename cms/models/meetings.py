from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.content.forms import MeetingPageForm
from cms.content.previews import HeadlessPreviewMixin
from cms.models.regions import FrontEndUrlMixin
from cms.scoping.visibility import VisibilityPageManager

TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CANCELLED = "cancelled", _("Cancelled")
    HELD = "held", _("Held")


class MeetingPage(FrontEndUrlMixin, HeadlessPreviewMixin, Page):
    """A meeting of a collaboration group, placed under the organisation that
    hosts it. Times are stored in UTC and shown in Europe/Stockholm. Minutes
    are public only once approved."""

    # .public() reads the restricted sections from the cache (cms.scoping.visibility).
    objects = VisibilityPageManager()

    group = models.ForeignKey(
        "samverkan_cms.CollaborationGroup",
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    agenda = RichTextField(_("agenda"), features=TEXT_FEATURES, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MeetingStatus.choices,
        default=MeetingStatus.PLANNED,
    )
    minutes_text = RichTextField(_("minutes"), features=TEXT_FEATURES, blank=True)
    minutes_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("minutes document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    minutes_approved_on = models.DateField(
        _("minutes approved on"),
        null=True,
        blank=True,
        help_text=_("The minutes are published once this date is set."),
    )

    base_form_class = MeetingPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("group"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("online_url")]),
        FieldPanel("status"),
        FieldPanel("agenda"),
        MultiFieldPanel(
            [
                FieldPanel("minutes_text"),
                FieldPanel("minutes_document"),
                FieldPanel("minutes_approved_on"),
            ],
            heading=_("Minutes"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("agenda"),
        index.FilterField("starts_at"),
        index.FilterField("status"),
        index.FilterField("group"),
    ]

    parent_page_types = ["samverkan_cms.OrganisationPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The meeting must end after it starts.")
        if self.minutes_approved_on:
            if self.status != MeetingStatus.HELD:
                errors["minutes_approved_on"] = _(
                    "Minutes can be approved only for a meeting that has been held."
                )
            elif self.minutes_approved_on > timezone.localdate():
                errors["minutes_approved_on"] = _(
                    "The approval date cannot be in the future."
                )
            elif not self.minutes_text and self.minutes_document_id is None:
                errors["minutes_approved_on"] = _(
                    "Add the minutes as text or a document before approving them."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def host_organisation(self):
        return self.get_parent().specific

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def minutes_are_public(self) -> bool:
        return (
            self.status == MeetingStatus.HELD and self.minutes_approved_on is not None
        )
