from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.content.blocks import NewsBodyBlock
from cms.content.forms import RegionChoicesPageForm
from cms.content.previews import HeadlessPreviewMixin
from cms.models.regions import FrontEndUrlMixin
from cms.scoping.visibility import VisibilityPageManager


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "samverkan_cms.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPage(FrontEndUrlMixin, HeadlessPreviewMixin, Page):
    """A news item of the collaboration or a partner. It lives under its
    author organisation's page: the organisation page is the news index, and
    region-wide listings are selectors."""

    # .public() reads the restricted sections from the cache (cms.scoping.visibility).
    objects = VisibilityPageManager()

    date = models.DateField(_("date"), default=timezone.localdate)
    lead = models.TextField(
        _("lead"),
        max_length=400,
        help_text=_("One or two sentences shown in listings and the newsletter."),
    )
    body = StreamField(NewsBodyBlock(), verbose_name=_("body"), blank=True)
    related_interventions = ParentalManyToManyField(
        "samverkan_cms.InterventionPage",
        verbose_name=_("related interventions"),
        blank=True,
        related_name="news",
    )
    related_organisations = ParentalManyToManyField(
        "samverkan_cms.OrganisationPage",
        verbose_name=_("related organisations"),
        blank=True,
        related_name="mentioned_in_news",
    )
    tags = ClusterTaggableManager(
        verbose_name=_("tags"), through=NewsPageTag, blank=True
    )

    base_form_class = RegionChoicesPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("lead"),
        FieldPanel("body"),
        FieldPanel("related_interventions"),
        FieldPanel("related_organisations"),
        FieldPanel("tags"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["samverkan_cms.OrganisationPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    @property
    def author_organisation(self):
        return self.get_parent().specific
