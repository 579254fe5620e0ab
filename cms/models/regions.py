from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from cms.front_ends import FrontEndUrlMixin
from cms.previews import HeadlessPreviewMixin


class RegionPage(FrontEndUrlMixin, HeadlessPreviewMixin, Page):
    """The root of one regional collaboration: its organisations and all their
    content live below it, so a region's data stays apart from other regions'.
    """

    short_name = models.CharField(
        _("short name"),
        max_length=40,
        help_text=_("Used in group names and e-mail subjects, e.g. 'Södertörn'."),
    )
    description = models.TextField(_("description"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    external_base_url = models.URLField(
        _("external front end"),
        blank=True,
        max_length=300,
        help_text=_(
            "Leave empty to publish on the built-in website. If the region has "
            "its own website that reads the API, its address, e.g. "
            "'https://www.example.se/insatser': every link Samverkan hands out "
            "for the region's pages then points there, and the built-in pages "
            "redirect there."
        ),
    )
    central_group = models.ForeignKey(
        "auth.Group",
        verbose_name=_("central administrators group"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="samverkan_region",
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("media collection"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="samverkan_region",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("short_name"),
        FieldPanel("description"),
        FieldPanel("contact_email"),
    ]
    settings_panels = [
        *Page.settings_panels,
        FieldPanel(
            "external_base_url",
            permission="samverkan_cms.change_region_front_end",
        ),
    ]

    # See OrganisationPage.exclude_fields_in_copy.
    exclude_fields_in_copy = ["central_group", "collection"]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["samverkan_cms.OrganisationPage"]

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        permissions = [
            ("change_region_front_end", _("Can choose the region's website")),
        ]
