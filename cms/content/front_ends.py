"""Previews of drafts on a region's own front end (where a region's pages
are read: cms/models/regions.py). An external front end previews drafts the
way headless Wagtail sites do (wagtail-headless-preview's design; that
package declares no Wagtail 8 support): the admin's preview shows the front end's preview URL, which
carries a signed token that lives PREVIEW_TOKEN_SECONDS; the front end
exchanges it at /api/v1/preview/ for the draft's JSON."""

from urllib.parse import urlencode

from django.core import signing

PREVIEW_SALT = "samverkan.front-end-preview"
PREVIEW_TOKEN_SECONDS = 30 * 60


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
