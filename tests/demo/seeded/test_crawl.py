"""Every link resolves: a crawler over the demo data.

It starts at `/` of the demo region, at every link of a test-sent
newsletter issue (over a real SMTP server on loopback), at every item of the
news RSS and Atom feeds and the events iCal feed, at the `url` of every
item on the first page of the delivery API's lists and at every address of
/sitemap.xml; it follows every same-site link of every HTML page it gets,
and finds no answer other than 200, 301 or 304. Static files are served
from the finders (WhiteNoise, as after collectstatic)."""

import json
import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from django.core.cache import cache
from django.test import Client

from newsletter import rendering
from newsletter.models import NewsletterIssue
from newsletter.services import issues
from tests.newsletter.factories import IssueFactory

SITE = "http://testserver"
OK = {200, 301, 304}
API_LISTS = ("interventions", "news", "events", "organisations")
MAX_URLS = 3000


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action") and value:
                if tag == "form" and dict(attrs).get("method", "get").lower() != "get":
                    continue
                self.links.append(value)


def html_links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links


def ical_urls(text: str) -> list[str]:
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    return re.findall(r"^URL(?:;[^:]*)?:(\S+)", unfolded, flags=re.M)


def same_site(url: str, base: str = SITE) -> str | None:
    """The path and query of a link on this site, or None."""
    url = urldefrag(urljoin(base, url.replace("&amp;", "&")))[0]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


class Crawler:
    def __init__(self, client):
        self.client = client
        self.seen: dict[str, int] = {}
        self.found_on: dict[str, str] = {}
        self.queue: list[str] = []

    def add(self, url: str, *, found_on: str) -> None:
        path = same_site(
            url, base=SITE + found_on if found_on.startswith("/") else SITE
        )
        if path is None or path in self.seen or path in self.found_on:
            return
        self.found_on[path] = found_on
        self.queue.append(path)

    def run(self) -> None:
        while self.queue and len(self.seen) < MAX_URLS:
            path = self.queue.pop()
            response = self.client.get(path)
            self.seen[path] = response.status_code
            if response.status_code == 301:
                self.add(response["Location"], found_on=path)
                continue
            content_type = response.get("Content-Type", "")
            if response.status_code == 200 and content_type.startswith("text/html"):
                for link in html_links(response.content.decode()):
                    self.add(link, found_on=path)

    def failures(self) -> list[str]:
        return [
            f"{status} {path} (linked from {self.found_on.get(path)})"
            for path, status in sorted(self.seen.items())
            if status not in OK
        ]


@pytest.fixture
def crawler(demo, db, settings):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    settings.SAMVERKAN_WEB = {**settings.SAMVERKAN_WEB, "PAGE_CACHE": True}
    return Crawler(Client())


def newsletter_links(smtp_sink) -> list[str]:
    """The links of the demo month's issue as a test send delivers it."""
    intro = '[{"type": "intro", "value": "<p>Hej! Det här hände i månaden.</p>"}]'
    issue = IssueFactory(subject="Decembernytt", body=intro)
    issues.issue_fill_from_recent(issue=issue)
    issue.save()
    issues.issue_send_test(issue=issue, emails=["kommunikator@example.se"])
    (message,) = smtp_sink.wait_for(1)
    html = message.get_body(("html",)).get_content()
    links = html_links(html)
    assert len([link for link in links if "testserver/" in link]) >= 10
    return links


def start(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_every_link_from_every_starting_point_resolves(crawler, smtp_sink):
    client = crawler.client
    crawler.add("/", found_on="start")

    for link in newsletter_links(smtp_sink):
        crawler.add(link, found_on="newsletter test send")
    assert any("/newsletter/archive/" in path for path in crawler.queue)

    for feed in ("/feeds/news.rss", "/feeds/news.atom"):
        body = start(client, feed)
        links = re.findall(r"<link>([^<]+)</link>|<link[^>]*href=\"([^\"]+)\"", body)
        for link in {a or b for a, b in links}:
            crawler.add(link, found_on=feed)
    calendar = start(client, "/feeds/events.ics")
    for link in ical_urls(calendar):
        crawler.add(link, found_on="/feeds/events.ics")

    for name in API_LISTS:
        data = json.loads(start(client, f"/api/v1/{name}/"))
        for item in data["results"]:
            if item.get("url"):
                crawler.add(item["url"], found_on=f"/api/v1/{name}/")
    changes = json.loads(start(client, "/api/v1/changes/"))
    for change in changes["items"]:
        if change["url"]:
            crawler.add(change["url"], found_on="/api/v1/changes/")

    sitemap = start(client, "/sitemap.xml")
    for link in re.findall(r"<loc>([^<]+)</loc>", sitemap):
        crawler.add(link, found_on="/sitemap.xml")

    crawler.run()

    assert crawler.failures() == []
    assert len(crawler.seen) < MAX_URLS, "the crawl did not finish"
    pages = [
        path for path in crawler.seen if not path.startswith(("/static/", "/api/"))
    ]
    assert len(pages) > 100  # the demo region's pages, listings and archive
    assert "/insatser/" in crawler.seen


def test_a_tampered_newsletter_preview_link_is_404(demo, db):
    issue = IssueFactory(subject="Utkast")
    url = rendering.issue_preview_url(issue=issue)
    client = Client()
    assert client.get(url).status_code == 200
    assert client.get(url + "x").status_code == 404
    other = IssueFactory(subject="Annat utkast")
    assert client.get(url.replace(f"/{issue.pk}/", f"/{other.pk}/")).status_code == 404
    assert NewsletterIssue.objects.get(pk=issue.pk).status == "draft"


def test_feed_and_api_urls_keep_the_site_port(demo, db, client, settings):
    from wagtail.models import Site

    Site.objects.filter(is_default_site=True).update(hostname="testserver", port=8000)
    cache.clear()  # Wagtail's site root paths, the API's responses
    body = client.get("/feeds/news.rss").content.decode()
    assert "http://testserver:8000/" in body
    item = client.get("/api/v1/interventions/").json()["results"][0]
    assert item["url"].startswith("http://testserver:8000/")
