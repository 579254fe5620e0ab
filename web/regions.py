"""Which region a public request is for: the root page of the Wagtail Site
that answers the request's host and port, in the request's language."""

from django.http import Http404
from django.utils.translation import get_language

from wagtail.models import Site

from cms.models import RegionPage


def region_for_request(request) -> RegionPage | None:
    """The live region at the root of the request's Site, in the request's
    content language when the region has a live translation in it (its
    Swedish page otherwise), or None. Kept on the request, so a page asks
    the database once or twice."""
    language = get_language()
    cached = getattr(request, "_samverkan_region", None)
    if cached is None or cached[0] != language:
        region = None
        site = Site.find_for_request(request)
        if site is not None:
            region = (
                RegionPage.objects.live()
                .public()
                .select_related("locale")
                .filter(pk=site.root_page_id)
                .first()
            )
        if region is not None and region.locale.language_code != language:
            region = region_translation(region, language=language) or region
        request._samverkan_region = (language, region)
    return request._samverkan_region[1]


def region_or_404(request) -> RegionPage:
    """The request's region; 404 where no live region answers its host."""
    region = region_for_request(request)
    if region is None:
        raise Http404
    return region


def region_translation(region: RegionPage, *, language: str) -> RegionPage | None:
    """The region's live, public translation into `language` (not an alias,
    whose content is the Swedish page's), or None."""
    return (
        RegionPage.objects.live()
        .public()
        .select_related("locale")
        .filter(
            translation_key=region.translation_key,
            locale__language_code=language,
            alias_of__isnull=True,
        )
        .first()
    )


def region_languages(region: RegionPage) -> list[str]:
    """The content languages the region's public site is open in: Swedish
    and every language its home page is translated into (live, public, not
    an alias), in the order of the content languages. One query."""
    from wagtail.models import Page

    from cms.languages import content_language_codes

    found = set(
        Page.objects.live()
        .public()
        .filter(translation_key=region.translation_key, alias_of__isnull=True)
        .values_list("locale__language_code", flat=True)
    )
    return [code for code in content_language_codes() if code in found]


def region_source(region: RegionPage) -> RegionPage:
    """The Swedish region page of `region` (itself when Swedish): groups and
    their seats belong to it."""
    from cms.languages import SOURCE_LANGUAGE

    if region.locale.language_code == SOURCE_LANGUAGE:
        return region
    return (
        RegionPage.objects.filter(
            translation_key=region.translation_key,
            locale__language_code=SOURCE_LANGUAGE,
        ).first()
        or region
    )
