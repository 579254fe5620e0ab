"""The region page, and where a region's pages are read.

Where a region's pages are read: the built-in public site, or the
region's own front end (RegionPage.external_base_url, e.g. a municipal
site that reads the delivery API).

Every page URL Samverkan hands out is made by Wagtail's Page.get_url_parts
(page.url, page.full_url, {% pageurl %}), so overriding it here moves them
all at once: the API's and JSON-LD's `url`, the feeds, the newsletter, the
sitemap, sync payloads and the admin's "View live". Built-in URLs keep the
scheme of WAGTAILADMIN_BASE_URL when the Site's host and port are its own
(a Site on port 80 behind a TLS proxy still hands out https).
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from cms.changes.version import content_version
from cms.content.front_ends import preview_url
from cms.content.previews import HeadlessPreviewMixin
from cms.scoping.visibility import VisibilityPageManager

_memo: tuple[int, dict[str, str]] | None = None


def front_end_bases(request=None) -> dict[str, str]:
    """{region page path: external base URL without a trailing slash} of the
    live regions that name one. Kept per content version (publishing a
    region moves it) and on the request."""
    global _memo
    if request is not None and hasattr(request, "_samverkan_front_ends"):
        return request._samverkan_front_ends
    version = content_version()["number"]
    if _memo is None or _memo[0] != version:
        rows = (
            RegionPage.objects.live()
            .exclude(external_base_url="")
            .values_list("path", "external_base_url")
        )
        _memo = (version, {path: url.rstrip("/") for path, url in rows})
    if request is not None:
        request._samverkan_front_ends = _memo[1]
    return _memo[1]


def front_end_base(page, request=None) -> str | None:
    """The external base URL of the region `page` belongs to, or None when
    it is read on the built-in site."""
    if page.depth < 2:
        return None
    return front_end_bases(request).get(page.path[: 2 * page.steplen])


def _admin_scheme(root_url: str) -> str:
    admin = urlsplit(getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "")
    site = urlsplit(root_url)
    if admin.scheme and admin.netloc == site.netloc and admin.scheme != site.scheme:
        return urlunsplit((admin.scheme, site.netloc, "", "", ""))
    return root_url


class FrontEndUrlMixin:
    """For page models: URLs on the region's external front end when it has
    one, else on the built-in site."""

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request=request)
        if parts is None or parts[1] is None:
            return parts
        site_id, root_url, page_path = parts
        base = front_end_base(self, request)
        return (site_id, base or _admin_scheme(root_url), page_path)

    def get_url(self, request=None, current_site=None):
        if front_end_base(self, request):
            return self.get_full_url(request)  # another host: always absolute
        return super().get_url(request=request, current_site=current_site)

    url = property(get_url)  # Page's property is bound to Page.get_url

    def serve_preview(self, request, mode_name):
        base = front_end_base(self, request)
        if not base:
            return super().serve_preview(request, mode_name)
        return TemplateResponse(
            request,
            "samverkan_cms/preview/front_end.html",
            {"page": self, "preview_url": preview_url(self, base=base)},
        )


class RegionPage(FrontEndUrlMixin, HeadlessPreviewMixin, Page):
    """The root of one regional collaboration: its organisations and all their
    content live below it, so a region's data stays apart from other regions'.
    """

    # .public() reads the restricted sections from the cache (cms.scoping.visibility).
    objects = VisibilityPageManager()

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
