"""/sitemap.xml of a region: every live, public page of the region in every
language and the web listings in every language the region's site is
translated into, with last modification dates and hreflang alternates
(each address names all language versions of itself, itself included), as
search engines read them. A fixed number of queries."""

from collections import defaultdict

from django.db.models import Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import override

from wagtail.models import Page

from cms.models import CollaborationGroup, RegionPage
from cms.translations.selectors import page_source
from web.regions import region_for_request, region_languages

LISTINGS = (
    "interventions",
    "news",
    "meetings",
    "groups",
    "projects",
    "accessibility",
    "privacy",
)


def _region_trees(region) -> Q:
    """The region's page and its translations' trees (not aliases)."""
    paths = RegionPage.objects.filter(
        translation_key=region.translation_key, alias_of__isnull=True
    ).values_list("path", flat=True)
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def _with_alternates(entries_by_key) -> list[dict]:
    entries = []
    for versions in entries_by_key.values():
        alternates = (
            [{"lang": v["lang"], "url": v["url"]} for v in versions]
            if len(versions) > 1
            else []
        )
        for version in versions:
            entries.append({**version, "alternates": alternates})
    return entries


def sitemap_entries(*, region, request) -> list[dict]:
    """{"url", "lastmod", "alternates"} of every public address of `region`."""
    region = page_source(page=region).specific
    pages = (
        Page.objects.live()
        .public()
        .filter(_region_trees(region), alias_of__isnull=True)
        .select_related("locale")
        .specific()
        .order_by("path")
    )
    by_key = defaultdict(list)
    for page in pages:
        url = page.get_full_url(request)
        if url:
            by_key[page.translation_key].append(
                {
                    "url": url,
                    "lang": page.locale.language_code,
                    "lastmod": page.last_published_at,
                }
            )
    paths = [(f"web:{name}", ()) for name in LISTINGS]
    paths += [
        ("web:group_detail", (slug,))
        for slug in CollaborationGroup.objects.filter(region=region)
        .order_by("name")
        .values_list("slug", flat=True)
    ]
    languages = region_languages(region)
    for view_name, args in paths:
        for code in languages:
            with override(code):
                url = request.build_absolute_uri(reverse(view_name, args=args))
            by_key[(view_name, args)].append(
                {"url": url, "lang": code, "lastmod": None}
            )
    return _with_alternates(by_key)


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
