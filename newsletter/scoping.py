"""Whose newsletter a user works on, and which region's newsletter a public
page belongs to: the newsletter is per region, so a communicator of region
A never sees region B's audiences, subscribers or issues.

The communicators group gives the rights (compose, send, read
subscribers); the region comes from where the person works: the regions
they administer centrally and the regions of the organisations they edit.
A superuser works on every region's newsletter. A region is its Swedish
region page: its translations share its newsletter."""

from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse

from wagtail.models import Site

from cms.exchange.selectors import regions_of_user
from cms.models import RegionPage
from cms.scoping.selectors import regions_administered_by
from cms.translations.selectors import in_language
from newsletter.conf import base_url


def newsletter_regions() -> QuerySet[RegionPage]:
    """Every region that has a newsletter."""
    return in_language(RegionPage.objects.all())


def newsletter_regions_of(*, user) -> QuerySet[RegionPage]:
    """The regions whose newsletter the user works on."""
    if not user.is_active:
        return RegionPage.objects.none()
    return in_language(regions_of_user(user=user))


def newsletter_regions_administered_by(*, user) -> QuerySet[RegionPage]:
    """The regions whose subscribers the user imports and exports: those
    they administer centrally (every region for a superuser), by title."""
    if not user.is_active:
        return RegionPage.objects.none()
    regions = RegionPage.objects.all()
    if not user.is_superuser:
        regions = regions_administered_by(user=user)
    return in_language(regions).order_by("title")


def newsletter_scoped(queryset, *, user):
    """The rows (audiences, subscribers, issues) of the user's regions; rows
    of no region (from before regions) for superusers only."""
    if user.is_active and user.is_superuser:
        return queryset
    return queryset.filter(region__in=newsletter_regions_of(user=user))


def newsletter_region_for_request(request) -> RegionPage | None:
    """The region whose public newsletter pages a request reads: the live
    region named by `?region=<slug>` (404 for an unknown slug), else the
    region at the root of the request's Site, else the only region there
    is (None when that leaves no choice)."""
    regions = newsletter_regions().live()
    slug = request.GET.get("region", "").strip()
    if slug:
        region = regions.filter(slug=slug).first()
        if region is None:
            raise Http404
        return region
    site = Site.find_for_request(request)
    if site is not None:
        region = regions.filter(pk=site.root_page_id).first()
        if region is not None:
            return region
    only = list(regions[:2])
    return only[0] if len(only) == 1 else None


def newsletter_public_address(*, region) -> tuple[str, str]:
    """What goes before and after a public newsletter path of `region`: its
    own site when a Wagtail Site has the region at its root; else the
    newsletter's address, with `?region=<slug>` when there are several
    regions."""
    # Wagtail keeps the sites' roots in its cache: usually no query.
    for root in Site.get_site_root_paths() if region is not None else ():
        if root.root_path == region.url_path:
            return root.root_url, ""
    prefix = base_url()
    if region is None or not newsletter_regions().exclude(pk=region.pk).exists():
        return prefix, ""
    return prefix, "?" + urlencode({"region": region.slug})


def newsletter_public_url(name: str, *, region, args=()) -> str:
    """The absolute address of a public newsletter page of `region`."""
    prefix, query = newsletter_public_address(region=region)
    return prefix + reverse(f"samverkan_newsletter:{name}", args=args) + query


def archive_issue_url(*, issue, language: str) -> str:
    """The absolute address of an archived issue in `language` (its
    translation's, under the language's prefix; the Swedish issue's without
    one). A host that does not route the archive per language
    (newsletter.archive_urls) gets the Swedish address."""
    from django.urls import NoReverseMatch
    from django.utils import translation

    prefix, query = newsletter_public_address(region=issue.region)
    try:
        with translation.override(language):
            path = reverse("samverkan_newsletter_archive:issue", args=[issue.pk])
    except NoReverseMatch:
        path = reverse("samverkan_newsletter:archive_issue", args=[issue.pk])
    return prefix + path + query
