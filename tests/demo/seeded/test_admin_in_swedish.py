"""Every admin page each demo persona can reach, in Swedish: the demo data
and accounts are loaded once, and for the administrator, the Botkyrka
editor and the communicator every menu entry (and submenu entry) is opened,
with the first add and edit form each listing offers. Each must answer 200
(not "no permission") and show none of the English fragments below: strings
that Wagtail ships without Swedish or that once leaked into the admin.
Add a fragment here when a persona meets English; translate it in
cms/wagtail_strings.py (Wagtail's scripts: config/locale/sv/.../djangojs.po)."""

import html
import re

import pytest

from django.contrib.auth import get_user_model

PERSONAS = ("admin", "redaktor.botkyrka", "kommunikator")

ENGLISH_FRAGMENTS = (
    "Exploring",
    "Create a new",
    "There are no",
    "to display",
    "Why not",
    "Autosave",
    "Moderators approval",
    "Moderators",
    "go live",
    "Anyone with editing permissions",
    "Date updated",
    "Locked by",
    "Side panel",
    "Show issue",
    "View latest version",
    "Edit account avatar",
    "Actions (footer)",
    "Keyboard shortcuts are",
    "Sort item order",
    "Editor Guide",
    "What's new in Wagtail",
    # Swedish words, but a link to Wagtail's English guide.
    "redaktörsguide",
    "Dashboard",
    "Permission denied",
    "saknar rättigheter",
    "Server Error",
    "Page not found",
)
# " of " between figures: "1-50 of 60 insatser".
ENGLISH_PATTERNS = (re.compile(r"\d+\s*-\s*\d+ of \d+"),)


def visible_text(body: str) -> str:
    """The text a person reads: tags, scripts and styles left out; titles,
    labels and placeholders kept."""
    body = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", body, flags=re.S)
    attributes = re.findall(r'(?:title|aria-label|placeholder|alt)="([^"]*)"', body)
    text = re.sub(r"<[^>]+>", " ", body)
    return html.unescape(" ".join([text, *attributes]))


def menu_urls(body: str) -> list[str]:
    return sorted(set(re.findall(r'"url": "(/admin/[^"#]*)"', body)))


FORM_LINK = re.compile(
    r'href="(/admin/(?:pages/\d+/edit/|pages/add/[\w/]+|snippets/[\w/]+/(?:add|edit/\d+)/))"'
)


def english_in(text: str) -> list[str]:
    found = [fragment for fragment in ENGLISH_FRAGMENTS if fragment in text]
    found += [m.group(0) for p in ENGLISH_PATTERNS for m in p.finditer(text)]
    return found


@pytest.mark.parametrize("username", PERSONAS)
def test_every_page_a_persona_reaches_is_swedish(client, db, demo, username):
    client.force_login(get_user_model().objects.get(username=username))
    dashboard = client.get("/admin/").content.decode()
    pages = ["/admin/", *menu_urls(dashboard)]
    forms = []
    problems = {}
    for url in pages:
        response = client.get(url, follow=True)
        body = response.content.decode()
        forms += FORM_LINK.findall(body)[:2]
        found = english_in(visible_text(body))
        if response.status_code != 200 or found:
            problems[url] = (response.status_code, found)
    for url in sorted(set(forms)):
        response = client.get(url, follow=True)
        found = english_in(visible_text(response.content.decode()))
        if response.status_code != 200 or found:
            problems[url] = (response.status_code, found)

    assert len(pages) > 5
    assert not problems, problems
