"""Hostile input through the admin: an editor posts Wagtail's real page
edit and add forms with the XSS corpus in every text field, and rich text
as the editor's own data format (Draftail's contentstate JSON), both as the
browser would send it and hand-crafted with `javascript:` and `data:` link
targets. Then the delivery API, HSDS and the feeds: plain text goes out as
the same text (data, escaped wherever markup is made), rich text cleaned,
nothing executable."""

import json
from xml.etree import ElementTree

import pytest

from django.urls import reverse

from wagtail.test.utils.form_data import rich_text

from cms.models import InterventionPage, NewsPage
from tests.cms.test_intervention_admin import form_data
from tests.factories import InterventionPageFactory, PersonFactory, publish
from tests.hostile_html import CORPUS, executable_parts

# A contentstate no editor's browser makes, but anyone can post: links to
# scripts, and markup typed as text.
CRAFTED_CONTENTSTATE = json.dumps(
    {
        "blocks": [
            {
                "key": "a",
                "text": "Bra innehåll. <script>alert(1)</script> klick data",
                "type": "unstyled",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [
                    {"offset": 40, "length": 5, "key": 0},
                    {"offset": 46, "length": 4, "key": 1},
                ],
            },
            {
                "key": "b",
                "text": '<img src=x onerror="alert(2)">',
                "type": "header-two",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [],
            },
        ],
        "entityMap": {
            "0": {
                "type": "LINK",
                "mutability": "MUTABLE",
                "data": {"url": " JaVaScRiPt:alert(3)"},
            },
            "1": {
                "type": "LINK",
                "mutability": "MUTABLE",
                "data": {"url": "data:text/html;base64,PHNjcmlwdD4="},
            },
        },
    }
)


def _as_the_editor_sends_it() -> str:
    """The corpus through Wagtail's own HTML-to-contentstate conversion (what
    pasting into the editor gives), leaving out what it cannot parse."""
    accepted = []
    for html in CORPUS:
        try:
            rich_text(html)
        except AssertionError:  # malformed beyond the converter
            continue
        accepted.append(html)
    return rich_text("<p>Bra innehåll.</p>" + "".join(accepted))


RICH_TEXT_POSTS = {
    "as the editor sends it": _as_the_editor_sends_it(),
    "hand-crafted": CRAFTED_CONTENTSTATE,
}


@pytest.fixture
def editor(client, editor_a):
    client.force_login(editor_a)
    return client


@pytest.fixture
def intervention(org_a, editor_a):
    owner = PersonFactory(organisation=org_a, user=editor_a)
    return publish(
        InterventionPageFactory(parent=org_a, title="SFI", responsible_owner=owner)
    )


def _publish_edit(client, page, **fields):
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        form_data(page, **fields, **{"action-publish": "1"}),
    )
    assert response.status_code == 302, response.context["form"].errors


@pytest.mark.parametrize("payload", CORPUS)
def test_plain_text_fields_of_an_intervention_go_out_as_text(
    editor, client, intervention, payload
):
    plain = {
        "title": payload,
        "summary": payload,
        "eligibility": payload,
        "how_to_apply": payload,
        "cost_description": payload,
    }
    _publish_edit(editor, intervention, **plain)

    url = reverse("api-v1:intervention-detail", args=[intervention.uuid])
    data = client.get(url).json()
    service = client.get(f"/api/hsds/services/{intervention.uuid}").json()

    for field, value in plain.items():
        assert data[field] == value, field  # JSON data, not markup
    assert service["name"] == payload
    assert service["eligibility_description"] == payload


@pytest.mark.parametrize("posted", RICH_TEXT_POSTS.values(), ids=RICH_TEXT_POSTS)
def test_an_intervention_description_from_the_editor_goes_out_clean(
    editor, client, intervention, posted
):
    _publish_edit(editor, intervention, description=posted)

    stored = InterventionPage.objects.get(pk=intervention.pk).description
    url = reverse("api-v1:intervention-detail", args=[intervention.uuid])
    listed = client.get(reverse("api-v1:intervention-list")).json()["results"][0]

    assert "Bra innehåll." in stored
    # Wagtail's converter already keeps only the editor's features...
    assert executable_parts(stored) == []
    # ...and the API cleans again on the way out.
    assert executable_parts(client.get(url).json()["description"]) == []
    assert executable_parts(listed["description"]) == []


@pytest.fixture
def news(editor, org_a):
    """A news item added and published in the admin: corpus in the title
    and the lead, crafted rich text in the body."""
    response = editor.post(
        reverse("wagtailadmin_pages:add", args=("samverkan_cms", "newspage", org_a.pk)),
        {
            "title": CORPUS[0],
            "slug": "nyhet",
            "date": "2026-03-02",
            "lead": CORPUS[1],
            "tags": "sfi",
            "body-count": "1",
            "body-0-type": "text",
            "body-0-deleted": "",
            "body-0-order": "0",
            "body-0-value": CRAFTED_CONTENTSTATE,
            "action-publish": "1",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    return NewsPage.objects.get(slug="nyhet")


def test_news_added_in_the_admin_reaches_the_api_clean(client, news):
    item = client.get(reverse("api-v1:news-detail", args=[news.translation_key])).json()

    assert (item["title"], item["lead"]) == (CORPUS[0], CORPUS[1])
    assert "Bra innehåll." in item["body"][0]["value"]
    assert executable_parts(item["body"][0]["value"]) == []


def _feed_html(body: bytes) -> list[str]:
    """What a feed reader renders as HTML: RSS <description> and Atom
    <summary type="html"> (their text is HTML once the XML is parsed)."""
    root = ElementTree.fromstring(body)
    atom = "{http://www.w3.org/2005/Atom}"
    return [
        element.text or ""
        for element in [*root.iter("description"), *root.iter(f"{atom}summary")]
        if element.tag == "description" or element.get("type") == "html"
    ]


def test_news_feeds_escape_markup_in_titles(client, news):
    for feed in ("/feeds/news.rss", "/feeds/news.atom"):
        body = client.get(feed).content.decode()
        assert "&lt;script&gt;" in body, feed  # the title, as escaped text
        assert "<script" not in body.lower(), feed


@pytest.mark.parametrize("feed", ["/feeds/news.rss", "/feeds/news.atom"])
def test_news_feeds_give_readers_no_executable_html(client, news, feed):
    rendered = _feed_html(client.get(feed).content)

    assert rendered
    for html in rendered:
        assert executable_parts(html) == [], html
