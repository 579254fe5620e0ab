"""Template tags of the public site: structured data, a news body, and the
reads a page template needs besides its page (through cms.selectors). Rich
text and link fields go through cms's `samverkan_html` filters."""

from itertools import groupby

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override

from cms import selectors
from cms.content.html import link_url
from cms.languages import locale_direction
from cms.models import RegionPage
from cms.translations.selectors import page_translations_public
from delivery.api.page_data import page_api_data, page_jsonld, script_safe_json
from web.languages import language_choice
from web.regions import region_languages

register = template.Library()


@register.simple_tag(takes_context=True)
def structured_data(context, page):
    """<script type="application/ld+json"> with the page's schema.org graph,
    the same the delivery API serves; empty for other page types."""
    request = context.get("request")
    url = page.get_full_url(request) if page.path else ""
    graph = page_jsonld(page=page, url=url or "", request=request)
    if graph is None:
        return ""
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(script_safe_json(graph)),  # noqa: S308 - JSON escaped for <script>
    )


@register.simple_tag(takes_context=True)
def news_body(context, page) -> list:
    """A news body as the API gives it: text cleaned, images and documents
    with their URLs, embeds as plain links (nothing loads from elsewhere)."""
    data = page_api_data(page=page, request=context.get("request")) or {}
    blocks = data.get("body", [])
    for block in blocks:
        if block["type"] == "text":
            block["html"] = mark_safe(block["value"])  # noqa: S308 - cleaned by the API
        elif block["type"] == "embed":
            block["href"] = link_url(block["value"].get("url"))
    return blocks


@register.simple_tag
def region_of(page):
    """The region a page belongs to (for previews, where no Site says it)."""
    if page is None or not getattr(page, "path", None):
        return None
    if isinstance(page, RegionPage):
        return page
    return RegionPage.objects.filter(path=page.path[: RegionPage.steplen * 2]).first()


@register.simple_tag
def region_home(region) -> dict:
    """What the region's home shows: categories with published
    interventions, the latest news and the coming meetings."""
    return {
        "categories": selectors.intervention_categories_in_use(region=region),
        "news": selectors.news_published(region=region)[:3],
        "meetings": selectors.meetings_upcoming(region=region)[:4],
    }


@register.simple_tag
def organisation_content(organisation) -> dict:
    """An organisation's public interventions, news, meetings and projects."""
    return selectors.organisation_public_content(organisation=organisation)


@register.simple_tag
def intervention_details(page) -> dict:
    """The parts of an intervention page that come from other rows: only
    published, public organisations, opening times by weekday, the closures still to
    come (yearly ones always)."""
    today = timezone.localdate()
    times = sorted(
        page.opening_times.all(), key=lambda time: (time.weekday, time.opens)
    )
    by_day = [
        {"weekday": times_of_day[0].get_weekday_display(), "times": times_of_day}
        for _, times_of_day in (
            (day, list(group)) for day, group in groupby(times, key=lambda t: t.weekday)
        )
    ]
    closures = [
        closure
        for closure in page.closures.all()
        if closure.recurs_yearly or closure.end_date >= today
    ]
    parent = page.get_parent() if page.path else None
    owner = _readable(parent.specific) if parent is not None else None
    service_area = list(page.service_area.all())
    public = selectors.pages_public(pages=[page.provider, owner, *service_area])
    provider = page.provider if page.provider in public else None
    owner = owner if owner in public else None
    person = page.contact_person
    return {
        "contact": {
            "person": person,
            "email": page.contact_email or (person.email if person else ""),
            "phone": page.contact_phone or (person.phone if person else ""),
        },
        "owner": owner,
        "provider": provider or owner,
        "service_area": [org for org in service_area if org in public],
        "languages": list(page.languages.all()),
        "locations": list(page.locations.all()),
        "opening_days": by_day,
        "closures": closures,
    }


@register.filter
def public_only(pages) -> list:
    """The pages (an iterable, or one page) the public may see."""
    if pages is None:
        return []
    many = not hasattr(pages, "pk")
    return selectors.pages_public(pages=list(pages) if many else [pages])


@register.simple_tag
def public_parent(page):
    """The page's parent (its organisation) when the public may see it."""
    parent = page.get_parent() if getattr(page, "path", None) else None
    if parent is None:
        return None
    parent = _readable(parent.specific)
    visible = selectors.pages_public(pages=[parent])
    return visible[0].specific if visible else None


@register.simple_tag
def meeting_minutes(page):
    """The meeting's minutes once approved, else None (cms.selectors)."""
    return selectors.meeting_published_minutes(page)


@register.simple_tag(takes_context=True)
def page_language(context) -> dict:
    """The language of what is shown ({"code", "dir"}): the page's own (a
    preview in the admin too), else the request's."""
    page = context.get("page")
    locale = getattr(page, "locale", None) if getattr(page, "pk", None) else None
    code = locale.language_code if locale is not None else get_language()
    return {"code": code, "dir": locale_direction(code)}


@register.simple_tag(takes_context=True)
def page_languages(context) -> list[dict]:
    """The languages the shown page exists in, for the language switcher and
    the hreflang alternates: a Wagtail page's live, public translations; a
    listing's languages are those the region's site is translated into.
    Each: code, name (in itself), dir, url, absolute_url, current."""
    request = context.get("request")
    if request is None or getattr(request, "is_preview", False):
        return []
    current = get_language()
    page = context.get("page")
    if getattr(page, "pk", None) and getattr(page, "path", None):
        versions = [
            (p.locale.language_code, p.get_url(request))
            for p in page_translations_public(page=page)
        ]
    else:
        versions = _listing_versions(request, context.get("site_region"))
    choices = []
    for code, url in versions:
        if not url:
            continue
        choice = language_choice(code, url, current=code == current)
        choice["absolute_url"] = request.build_absolute_uri(url)
        choices.append(choice)
    return choices if len(choices) > 1 else []


def _listing_versions(request, region) -> list[tuple[str, str]]:
    match = getattr(request, "resolver_match", None)
    if match is None or match.namespace != "web" or not region:
        return []
    versions = []
    for code in region_languages(region):
        with override(code):
            path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        versions.append((code, path))
    return versions


@register.filter
def language_direction(code) -> str:
    """ "rtl" or "ltr" for a language code (cms.languages)."""
    return locale_direction(str(code))


def _readable(page):
    """The page to link to for `page`: an alias in another language (an
    organisation not translated yet, whose content is Swedish) stands for
    its Swedish original."""
    if page is not None and page.alias_of_id:
        original = page.alias_of
        if original is not None and original.locale_id != page.locale_id:
            return original.specific
    return page


@register.filter
def home_url(region) -> str:
    """The address of the region's home in the region page's language
    ("/", "/ar/"), without a query."""
    if not region:
        return "/"
    with override(region.locale.language_code):
        return reverse("wagtail_serve", args=[""])
