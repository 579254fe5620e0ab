"""Which region a public request is for: the root page of the Wagtail Site
that answers the request's host and port."""

from django.http import Http404

from wagtail.models import Site

from cms.models import RegionPage


def region_for_request(request) -> RegionPage | None:
    """The live region at the root of the request's Site, or None. Kept on
    the request, so a page asks the database once."""
    if not hasattr(request, "_samverkan_region"):
        region = None
        site = Site.find_for_request(request)
        if site is not None:
            region = (
                RegionPage.objects.live().public().filter(pk=site.root_page_id).first()
            )
        request._samverkan_region = region
    return request._samverkan_region


def region_or_404(request) -> RegionPage:
    """The request's region; 404 where no live region answers its host."""
    region = region_for_request(request)
    if region is None:
        raise Http404
    return region
