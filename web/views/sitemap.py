"""/sitemap.xml of a region: every live, public page of the region and the
web listings, with last modification dates and hreflang alternates where a
page has live translations (Wagtail i18n), as search engines read them."""

from django.conf import settings
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse

from wagtail.models import Page

from cms.models import CollaborationGroup
from web.regions import region_for_request

LISTINGS = (
    "interventions",
    "news",
    "meetings",
    "groups",
    "projects",
    "accessibility",
    "privacy",
)


def _alternates(page, request) -> list[dict]:
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return []
    translations = page.get_translations(inclusive=True).live().public()
    if translations.count() < 2:
        return []
    return [
        {"lang": other.locale.language_code, "url": other.get_full_url(request)}
        for other in translations.select_related("locale").specific()
    ]


def sitemap_entries(*, region, request) -> list[dict]:
    """{"url", "lastmod", "alternates"} of every public address of `region`."""
    pages = (
        Page.objects.live()
        .public()
        .descendant_of(region, inclusive=True)
        .specific()
        .order_by("path")
    )
    entries = [
        {
            "url": page.get_full_url(request),
            "lastmod": page.last_published_at,
            "alternates": _alternates(page, request),
        }
        for page in pages
    ]
    paths = [reverse(f"web:{name}") for name in LISTINGS]
    paths += [
        reverse("web:group_detail", args=[slug])
        for slug in CollaborationGroup.objects.filter(region=region)
        .order_by("name")
        .values_list("slug", flat=True)
    ]
    entries += [
        {"url": request.build_absolute_uri(path), "lastmod": None, "alternates": []}
        for path in paths
    ]
    return [entry for entry in entries if entry["url"]]


def sitemap(request):
    region = region_for_request(request)
    if region is None:
        raise Http404
    return TemplateResponse(
        request,
        "web/sitemap.xml",
        {"entries": sitemap_entries(region=region, request=request)},
        content_type="application/xml; charset=utf-8",
    )
