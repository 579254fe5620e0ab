from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from cms.previews import HeadlessPreviewMixin


class RegionPage(HeadlessPreviewMixin, Page):
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
    central_group = models.OneToOneField(
        "auth.Group",
        verbose_name=_("central administrators group"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="samverkan_region",
    )
    collection = models.OneToOneField(
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

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["samverkan_cms.OrganisationPage"]

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
