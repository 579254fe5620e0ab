"""Which region a partner request reads (delivery API, HSDS, feeds, changes).

A request names a region by its slug, at a per-region root
(`/api/v1/regions/<slug>/…`, `/api/hsds/regions/<slug>/…`,
`/feeds/regions/<slug>/…`) or with `?region=<slug>`; an API key that
belongs to a region reads that region whether it names it or not (the
partner access middleware refuses a key asking for another region). Without
any of these a request reads every region.

The slug is known without SQL (ETags and the response cache vary with it);
the region itself is looked up once per request, when a view needs it."""

from drf_spectacular.utils import OpenApiParameter

from django.http import Http404
from django.utils.translation import gettext as _

from cms.models import RegionPage

REGION_PARAMETER = OpenApiParameter(
    "region",
    str,
    description=(
        "Only this region's content, by the region's slug. A key that "
        "belongs to a region reads only that region. The same is served "
        "under a per-region root, e.g. /api/v1/regions/<slug>/interventions/."
    ),
)


def region_slug_asked(request, url_kwargs: dict | None = None) -> tuple[str, str]:
    """The slugs the request names: (per-region root's, `?region=`'s); ""
    when not named."""
    if url_kwargs is None:
        match = getattr(request, "resolver_match", None)
        url_kwargs = match.kwargs if match else {}
    return (
        str(url_kwargs.get("region") or "").strip(),
        request.GET.get("region", "").strip(),
    )


def region_slug_of(request) -> str:
    """The slug of the region the request reads, or "" for every region.
    Set by the partner access middleware (with the key's region); worked
    out from the URL alone when the middleware did not run."""
    if hasattr(request, "partner_region_slug"):
        return request.partner_region_slug
    root, query = region_slug_asked(request)
    return root or query


def region_of_request(request) -> RegionPage | None:
    """The live region the request reads, or None for every region;
    Http404 for a slug that names no live region."""
    if not hasattr(request, "_partner_region"):
        slug = region_slug_of(request)
        region = None
        if slug:
            region = (
                RegionPage.objects.live()
                .filter(slug=slug)
                .only(
                    "pk",
                    "path",
                    "depth",
                    "slug",
                    "title",
                    "short_name",
                    "translation_key",
                )
                .first()
            )
            if region is None:
                raise Http404(_("No region with this slug."))
        request._partner_region = region
    return request._partner_region


def region_translation_ids(region: RegionPage) -> list[int]:
    """The region page and its translations (a translated page lives below
    the translation of its region)."""
    return list(
        RegionPage.objects.filter(translation_key=region.translation_key).values_list(
            "pk", flat=True
        )
    )


def region_scoped(queryset, request):
    """Pages of the queryset below the region the request reads (source
    pages: their translations are looked up by translation key)."""
    region = region_of_request(request)
    return queryset if region is None else queryset.descendant_of(region)
