"""News as RSS 2.0 (`/feeds/news.rss`) and Atom 1.0 (`/feeds/news.atom`).

The 50 newest live, public news items, newest first, in the language
`?locale=` (or Accept-Language) asks for where a published translation
exists, else in Swedish (as the delivery API, delivery.api.languages). Each item's guid/id is
`urn:uuid:<translation_key>`: stable across edits, moves and renames. Its link
is the page's full URL when it is served by a site, else that same URN."""

import datetime
import zoneinfo

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape

from cms import selectors
from cms.languages import SOURCE_LANGUAGE
from cms.models import OrganisationPage
from delivery.api.conditional import conditional_cached
from delivery.api.languages import (
    language_of_plain_request,
    source_pages,
    translated,
    unknown_language_message,
)
from delivery.api.regions import region_of_request

FEED_SIZE = 50


def _urn(page) -> str:
    return f"urn:uuid:{page.translation_key}"


def news_items(request, *, language: str | None = None) -> list:
    """The feed's news items, each with `feed_link` and `feed_organisation`
    set, in a fixed number of queries (authors are loaded in one query):
    in `language` where a published translation exists, else in Swedish."""
    pages = translated(
        list(
            source_pages(selectors.news_published(region=region_of_request(request)))[
                :FEED_SIZE
            ]
        ),
        queryset=selectors.news_published(),
        language=language or SOURCE_LANGUAGE,
        id_field="translation_key",
    )
    steplen = OrganisationPage.steplen
    parent_paths = {page.path[:-steplen] for page in pages}
    organisations = {
        organisation.path: organisation
        for organisation in OrganisationPage.objects.filter(path__in=parent_paths)
    }
    for page in pages:
        page.feed_organisation = organisations.get(page.path[:-steplen])
        page.feed_link = page.get_full_url(request) or _urn(page)
    return pages


class NewsFeed(Feed):
    feed_type = Rss201rev2Feed
    description = "Nyheter från organisationerna i samverkan."

    def get_object(self, request, *args, **kwargs):
        # The request itself: items need it for full URLs (Wagtail caches
        # the site root paths on it); the views set its `feed_language`.
        return request

    def title(self, obj):
        region = region_of_request(obj)
        if region is None:
            return "Samverkan: nyheter"
        return f"Samverkan {region.short_name or region.title}: nyheter"

    def link(self, obj):
        return "/"

    def feed_url(self, obj):
        return obj.path

    def items(self, obj):
        return news_items(obj, language=obj.feed_language)

    def get_feed(self, obj, request):
        # Feed.get_feed puts the domain before every link that does not
        # start with a scheme, which breaks the `urn:uuid:` fallback: put
        # back the links as given.
        feed = super().get_feed(obj, request)
        feed.feed["language"] = obj.feed_language  # RSS language, Atom xml:lang
        for entry in feed.items:
            entry["link"] = entry.pop("feed_link", entry["link"])
        return feed

    def item_extra_kwargs(self, item):
        return {"feed_link": item.feed_link}

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Readers take the description (RSS) and summary (Atom, type html)
        # as HTML; the lead is plain text, so it goes out escaped.
        return escape(item.lead)

    def item_link(self, item):
        return item.feed_link

    def item_guid(self, item):
        return _urn(item)

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        return datetime.datetime.combine(item.date, datetime.time(), tzinfo=zone)

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_author_name(self, item):
        organisation = item.feed_organisation
        return organisation.title if organisation else None

    def item_categories(self, item):
        organisation = item.feed_organisation
        return [organisation.title] if organisation else []


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description


_rss = NewsFeed()
_atom = NewsAtomFeed()


def _in_language(feed, request):
    language = language_of_plain_request(request)
    if language is None:
        return HttpResponseBadRequest(
            unknown_language_message(), content_type="text/plain; charset=utf-8"
        )
    request.feed_language = language
    response = feed(request)
    response["Content-Language"] = language
    return response


@conditional_cached(kind="news")
def news_rss(request):
    return _in_language(_rss, request)


@conditional_cached(kind="news")
def news_atom(request):
    return _in_language(_atom, request)
