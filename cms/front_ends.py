"""Where a region's pages are read: the built-in public site, or the
region's own front end (RegionPage.external_base_url, e.g. a municipal
site that reads the delivery API).

Every page URL Samverkan hands out is made by Wagtail's Page.get_url_parts
(page.url, page.full_url, {% pageurl %}), so overriding it here moves them
all at once: the API's and JSON-LD's `url`, the feeds, the newsletter, the
sitemap, sync payloads and the admin's "View live". Built-in URLs keep the
scheme of WAGTAILADMIN_BASE_URL when the Site's host and port are its own
(a Site on port 80 behind a TLS proxy still hands out https).

An external front end previews drafts the way headless Wagtail sites do
(wagtail-headless-preview's design; that package declares no Wagtail 8
support): the admin's preview shows the front end's preview URL, which
carries a signed token that lives PREVIEW_TOKEN_SECONDS; the front end
exchanges it at /api/v1/preview/ for the draft's JSON."""

from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core import signing
from django.template.response import TemplateResponse

from cms.api.versioning import content_version

PREVIEW_SALT = "samverkan.front-end-preview"
PREVIEW_TOKEN_SECONDS = 30 * 60

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
        from cms.models import RegionPage

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


def preview_token(page) -> str:
    """A signed token naming the page and its latest revision."""
    revision_id = page.latest_revision_id
    return signing.dumps({"page": page.pk, "revision": revision_id}, salt=PREVIEW_SALT)


def preview_url(page, *, base: str) -> str:
    """The front end's preview address: <base>/preview/?content_type=...&token=..."""
    query = urlencode(
        {
            "content_type": f"{page._meta.app_label}.{page._meta.model_name}",
            "token": preview_token(page),
        }
    )
    return f"{base}/preview/?{query}"


def preview_page(token: str):
    """The draft a valid, unexpired token names (its revision as a page), or
    None."""
    from wagtail.models import Page, Revision

    try:
        data = signing.loads(token, salt=PREVIEW_SALT, max_age=PREVIEW_TOKEN_SECONDS)
    except signing.BadSignature:
        return None
    page = Page.objects.filter(pk=data.get("page")).first()
    if page is None:
        return None
    page = page.specific
    revision = Revision.page_revisions.filter(
        pk=data.get("revision"), object_id=str(page.pk)
    ).first()
    return revision.as_object() if revision is not None else page
