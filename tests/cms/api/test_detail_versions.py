"""Detail responses keyed by their object's version (cms/api/versioning.py):
an edit of one intervention, news item or meeting leaves the ETags and
cached responses of the other details valid, while every change that shows
in a detail (the object itself, its organisation, contact person, category,
group, a related intervention, a linked page's new URL, a view restriction)
gives that detail a new ETag. Lists keep following every change."""

import pytest

from django.core.cache import cache
from django.urls import reverse

from wagtail.models import PageViewRestriction, Site

from cms.api.versioning import OBJECT_KEY
from cms.models import InterventionCategory
from tests.factories import (
    InterventionPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    PersonFactory,
    publish,
)


def intervention_url(page):
    return reverse("api-v1:intervention-detail", args=(str(page.uuid),))


def hsds_url(page):
    return reverse("api-hsds:service-detail", args=(str(page.uuid),))


def news_url(page):
    return reverse("api-v1:news-detail", args=(str(page.translation_key),))


def event_url(page):
    return reverse("api-v1:event-detail", args=(str(page.translation_key),))


def etag(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response["ETag"]


def revalidate(client, url, tag):
    return client.get(url, HTTP_IF_NONE_MATCH=tag)


def assert_changed(client, tags: dict, text: str):
    """Each URL answers its old ETag with the new content and a new ETag."""
    for url, tag in tags.items():
        response = revalidate(client, url, tag)
        assert response.status_code == 200, url
        assert response["ETag"] != tag, url
        assert text in response.content.decode(), url


@pytest.fixture
def pages(org_a, org_b):
    contact = PersonFactory(organisation=org_a, name="Kim Kontakt")
    sfi = InterventionPageFactory(parent=org_a, title="SFI Tumba")
    sfi.contact_person = contact
    publish(sfi)
    cafe = publish(InterventionPageFactory(parent=org_b, title="Språkcafé"))
    news = NewsPageFactory(parent=org_a, title="Nu startar vi")
    news.related_interventions = [sfi]
    publish(news)
    other_news = publish(NewsPageFactory(parent=org_b, title="Fika"))
    meeting = publish(MeetingPageFactory(parent=org_a, title="Styrgrupp"))
    return {
        "sfi": sfi,
        "cafe": cafe,
        "news": news,
        "other_news": other_news,
        "meeting": meeting,
    }


def test_an_edit_keeps_the_other_details_valid(client, pages):
    sfi, cafe = pages["sfi"], pages["cafe"]
    urls = [
        intervention_url(cafe),
        hsds_url(cafe),
        news_url(pages["other_news"]),
        event_url(pages["meeting"]),
    ]
    tags = {url: etag(client, url) for url in urls}
    sfi_tag = etag(client, intervention_url(sfi))
    list_tag = etag(client, reverse("api-v1:intervention-list"))

    sfi.summary = "Ny beskrivning."
    publish(sfi)

    for url in urls:
        assert revalidate(client, url, tags[url]).status_code == 304, url
        assert client.get(url)["X-Cache"] == "hit", url
    changed = revalidate(client, intervention_url(sfi), sfi_tag)
    assert changed.status_code == 200
    assert changed.json()["summary"] == "Ny beskrivning."
    listed = revalidate(client, reverse("api-v1:intervention-list"), list_tag)
    assert listed.status_code == 200


def test_the_edited_object_gets_a_new_etag_everywhere(client, pages):
    sfi = pages["sfi"]
    urls = [intervention_url(sfi), hsds_url(sfi), intervention_url(sfi) + "?x=1"]
    tags = {url: etag(client, url) for url in urls}
    sfi.title = "SFI Tumba kväll"
    publish(sfi)
    assert_changed(client, tags, "SFI Tumba kväll")


def test_a_related_interventions_edit_reaches_the_news_item(client, pages):
    sfi, news = pages["sfi"], pages["news"]
    tag = etag(client, news_url(news))
    other_tag = etag(client, news_url(pages["other_news"]))
    sfi.title = "SFI Tumba kväll"
    publish(sfi)
    response = revalidate(client, news_url(news), tag)
    assert response.status_code == 200
    assert response.json()["related_interventions"][0]["title"] == "SFI Tumba kväll"
    assert revalidate(client, news_url(pages["other_news"]), other_tag).status_code == (
        304
    )


def test_unpublishing_gives_404_not_304(client, pages):
    sfi = pages["sfi"]
    tags = {url: etag(client, url) for url in (intervention_url(sfi), hsds_url(sfi))}
    sfi.unpublish()
    for url, tag in tags.items():
        assert revalidate(client, url, tag).status_code == 404, url


def test_an_organisation_renamed_reaches_its_interventions(client, pages, org_a):
    sfi = pages["sfi"]
    urls = [intervention_url(sfi), hsds_url(sfi), news_url(pages["news"])]
    tags = {url: etag(client, url) for url in urls}
    org_a.title = "Botkyrka kommun (ny)"
    publish(org_a)
    assert_changed(client, tags, "Botkyrka kommun (ny)")


@pytest.mark.parametrize(
    ("name", "url", "shown"),
    [
        ("sfi", intervention_url, lambda page: page.contact_person),
        (
            "cafe",
            hsds_url,
            lambda page: InterventionCategory.objects.get(pk=page.category_id),
        ),
        ("meeting", event_url, lambda page: page.group),
    ],
    ids=["contact person", "category in HSDS", "group of a meeting"],
)
def test_a_shown_object_renamed_reaches_the_detail(client, pages, name, url, shown):
    page = pages[name]
    tags = {url(page): etag(client, url(page))}
    renamed = shown(page)
    renamed.name = "Nytt namn"
    renamed.save()
    assert_changed(client, tags, "Nytt namn")


def test_a_linked_page_with_a_new_slug_reaches_the_linking_text(
    client, pages, region, django_capture_on_commit_callbacks
):
    site = Site.objects.get(is_default_site=True)
    site.root_page = region  # so that page links have URLs
    site.save()
    sfi, cafe = pages["sfi"], pages["cafe"]
    cafe.description = f'<p>Se <a linktype="page" id="{sfi.pk}">SFI</a>.</p>'
    publish(cafe)
    tag = etag(client, intervention_url(cafe))
    assert sfi.slug in client.get(intervention_url(cafe)).json()["description"]
    sfi.slug = "sfi-tumba-ny"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail signals it
        publish(sfi)
    response = revalidate(client, intervention_url(cafe), tag)
    assert response.status_code == 200
    assert "sfi-tumba-ny" in response.json()["description"]


def test_a_view_restriction_hides_the_detail(client, pages, org_a):
    sfi = pages["sfi"]
    tag = etag(client, intervention_url(sfi))
    PageViewRestriction.objects.create(
        page=org_a, restriction_type=PageViewRestriction.LOGIN
    )
    assert revalidate(client, intervention_url(sfi), tag).status_code == 404


def test_a_slug_lookup_follows_every_change(client, pages):
    sfi, cafe = pages["sfi"], pages["cafe"]
    url = reverse("api-v1:intervention-detail", args=(cafe.slug,))
    tag = etag(client, url)
    sfi.summary = "Ny beskrivning."
    publish(sfi)
    assert revalidate(client, url, tag).status_code == 200


def test_a_forgotten_object_version_never_revives_an_old_etag(client, pages):
    cafe = pages["cafe"]
    tag = etag(client, intervention_url(cafe))
    cache.delete(OBJECT_KEY.format(object_id=str(cafe.uuid)))
    response = revalidate(client, intervention_url(cafe), tag)
    assert response.status_code == 200
    assert response["ETag"] != tag
