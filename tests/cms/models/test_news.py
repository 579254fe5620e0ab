"""News: the body's blocks, tags and relations, the author organisation from
the page tree, and the region-wide listing."""

import datetime

import pytest

from django.urls import reverse

from wagtail.documents import get_document_model

from cms import selectors
from cms.models import NewsPage
from tests.factories import (
    InterventionPageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    RegionPageFactory,
    publish,
)


def test_author_organisation_is_the_parent(org_a):
    news = NewsPageFactory(parent=org_a)
    assert news.author_organisation == org_a


def test_body_blocks_tags_and_relations(org_a, org_b):
    document = get_document_model().objects.create(title="Protokoll")
    intervention = InterventionPageFactory(parent=org_a)
    news = NewsPageFactory(
        parent=org_a,
        body=[
            ("text", "<p>Nu startar vi.</p>"),
            ("quote", {"text": "Ett lyft för alla.", "attribution": "Strategen"}),
            ("document", {"document": document, "title": ""}),
        ],
    )
    news.related_interventions = [intervention]
    news.related_organisations = [org_b]
    news.tags.add("sfi", "språk")
    publish(news)
    news = NewsPage.objects.get(pk=news.pk)
    assert [block.block_type for block in news.body] == ["text", "quote", "document"]
    assert news.body[1].value["attribution"] == "Strategen"
    assert news.body[2].value["document"] == document
    assert set(news.tags.names()) == {"sfi", "språk"}
    assert list(news.related_interventions.all()) == [intervention]
    assert list(org_b.mentioned_in_news.all()) == [news]


def test_the_image_block_has_alt_text():
    from cms.content.blocks import NewsBodyBlock

    image_block = NewsBodyBlock().child_blocks["image"]
    assert "alt_text" in image_block.child_blocks


def test_news_of_a_region_newest_first(region, org_a, org_b):
    other = OrganisationPageFactory(parent=RegionPageFactory())
    publish(
        NewsPageFactory(parent=org_a, title="Äldre", date=datetime.date(2026, 1, 5))
    )
    publish(
        NewsPageFactory(parent=org_b, title="Nyare", date=datetime.date(2026, 3, 1))
    )
    publish(NewsPageFactory(parent=other, title="Annan region"))
    NewsPageFactory(parent=org_a, title="Utkast", live=False)
    assert [n.title for n in selectors.news_published(region=region)] == [
        "Nyare",
        "Äldre",
    ]


@pytest.mark.parametrize("block", ["text", "quote", "embed"])
def test_editor_adds_news_with_a_body_in_the_admin(client, org_a, editor_a, block):
    value = {
        "text": "<p>Hej</p>",
        "quote": None,
        "embed": "",
    }
    data = {
        "title": "Nyhet",
        "slug": "nyhet",
        "date": "2026-03-02",
        "lead": "Ingress.",
        "tags": "sfi",
        "body-count": "1",
        "body-0-type": block,
        "body-0-deleted": "",
        "body-0-order": "0",
        "action-publish": "1",
    }
    if block == "quote":
        data.update({"body-0-value-text": "Citat", "body-0-value-attribution": "Någon"})
    elif block == "text":
        data["body-0-value"] = (
            '{"blocks":[{"key":"a","text":"Hej","type":"unstyled",'
            '"depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}'
        )
    else:
        data["body-0-value"] = value["embed"]
    client.force_login(editor_a)
    url = reverse(
        "wagtailadmin_pages:add", args=("samverkan_cms", "newspage", org_a.pk)
    )
    response = client.post(url, data)
    if block == "embed":
        # An empty embed is rejected: the field is required.
        assert response.status_code == 200
        return
    assert response.status_code == 302, response.context["form"].errors
    news = NewsPage.objects.get(slug="nyhet")
    assert news.body[0].block_type == block
    assert list(news.tags.names()) == ["sfi"]


@pytest.mark.parametrize("listing", ["news:index", "projects:index", "meetings:index"])
def test_admin_listings_show_every_organisations_pages(
    client, org_a, org_b, editor_a, listing
):
    from tests.factories import MeetingPageFactory, ProjectPageFactory

    factory = {
        "news:index": NewsPageFactory,
        "projects:index": ProjectPageFactory,
        "meetings:index": MeetingPageFactory,
    }[listing]
    own = publish(factory(parent=org_a, title="Egen sida"))
    other = publish(factory(parent=org_b, title="Grannens sida"))
    factory(parent=org_b, title="Grannens utkast", live=False)
    client.force_login(editor_a)
    response = client.get(reverse(listing))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Egen sida" in html
    assert "Grannens sida" in html
    assert "Grannens utkast" not in html
    assert reverse("wagtailadmin_pages:edit", args=(own.pk,)) in html
    assert reverse("wagtailadmin_pages:edit", args=(other.pk,)) not in html
