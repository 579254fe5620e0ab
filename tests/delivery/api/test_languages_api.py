"""The delivery API in the newcomers' languages: `?locale=` and
Accept-Language choose, Swedish fills in where no published translation
exists, every object lists its translations, ETags and Vary follow the
language, and query counts stay constant."""

import pytest

from django.urls import reverse

from tests.delivery.api.helpers import count_queries
from tests.factories import (
    InterventionPageFactory,
    NewsPageFactory,
    publish,
    translation_of,
)

LIST = reverse("api-v1:intervention-list")

pytestmark = pytest.mark.usefixtures("arabic_configured")


def detail(lookup):
    return reverse("api-v1:intervention-detail", args=(lookup,))


@pytest.fixture
def bank(org_a):
    sfi = publish(InterventionPageFactory(parent=org_a, title="SFI Tumba"))
    cafe = publish(InterventionPageFactory(parent=org_a, title="Språkcafé"))
    arabic = translation_of(sfi, "ar", title="اللغة السويدية للمهاجرين")
    return {"sfi": sfi, "cafe": cafe, "arabic": arabic}


def by_title(response):
    return {item["title"]: item for item in response.json()["results"]}


def test_arabic_with_swedish_fallback_and_translations(client, bank):
    sfi, cafe = bank["sfi"], bank["cafe"]
    response = client.get(LIST, {"locale": "ar"})
    assert response.status_code == 200
    items = by_title(response)
    assert set(items) == {"اللغة السويدية للمهاجرين", "Språkcafé"}
    arabic, swedish = items["اللغة السويدية للمهاجرين"], items["Språkcafé"]
    # One object in every language: the translation keeps the stable id.
    assert arabic["id"] == str(sfi.uuid)
    assert (arabic["locale"], swedish["locale"]) == ("ar", "sv")
    assert [link["locale"] for link in arabic["translations"]] == ["ar", "sv"]
    assert [link["locale"] for link in swedish["translations"]] == ["sv"]
    assert swedish["id"] == str(cafe.uuid)
    assert response["Content-Language"] == "ar"
    # Every translation link serves that language.
    for link in arabic["translations"]:
        followed = client.get(link["url"])
        assert followed.status_code == 200
        assert followed.json()["locale"] == link["locale"]
        assert followed.json()["id"] == str(sfi.uuid)


def test_swedish_by_default_and_no_translation_listed_twice(client, bank):
    items = by_title(client.get(LIST))
    assert set(items) == {"SFI Tumba", "Språkcafé"}
    assert {item["locale"] for item in items.values()} == {"sv"}
    organisations = client.get(reverse("api-v1:organisation-list")).json()
    assert [item["locale"] for item in organisations["results"]] == ["sv"]


def test_accept_language_chooses_and_keys_the_etag(client, bank):
    url = detail(str(bank["sfi"].uuid))
    arabic = client.get(url, HTTP_ACCEPT_LANGUAGE="ar-SA,ar;q=0.9,en;q=0.5")
    swedish = client.get(url, HTTP_ACCEPT_LANGUAGE="de, fr;q=0.8")
    assert arabic.json()["title"] == "اللغة السويدية للمهاجرين"
    assert swedish.json()["title"] == "SFI Tumba"
    assert {arabic["Content-Language"], swedish["Content-Language"]} == {"ar", "sv"}
    assert arabic["ETag"] != swedish["ETag"]
    for response in (arabic, swedish):
        assert "Accept-Language" in response["Vary"]
    # `?locale=` wins over the header; a cached answer keeps its language.
    again = client.get(url, {"locale": "ar"}, HTTP_ACCEPT_LANGUAGE="sv")
    assert again.json()["locale"] == "ar"
    cached = client.get(url, {"locale": "ar"}, HTTP_ACCEPT_LANGUAGE="sv")
    assert cached["X-Cache"] == "hit"
    assert cached["Content-Language"] == "ar"
    # The conditional GET of one language does not answer for another.
    assert (
        client.get(
            url, HTTP_ACCEPT_LANGUAGE="ar", HTTP_IF_NONE_MATCH=swedish["ETag"]
        ).status_code
        == 200
    )


def test_unknown_locale_is_a_clear_400(client, bank):
    for value in ("xx", "fi", "<script>"):
        response = client.get(LIST, {"locale": value})
        assert response.status_code == 400
        message = response.json()["locale"][0]
        assert "ar" in message and "sv" in message


def test_draft_translation_is_never_served(client, bank, org_a):
    cafe = bank["cafe"]
    translation = translation_of(cafe, "ar", title="مقهى اللغة")
    translation.title = "مسودة لم تنشر"
    translation.save_revision()  # a newer draft of a live translation
    unpublished = translation_of(
        publish(InterventionPageFactory(parent=org_a, title="Läxhjälp")),
        "ar",
        title="لم ينشر بعد",
    )
    unpublished.unpublish()
    body = client.get(LIST, {"locale": "ar"}).content.decode()
    assert "مسودة" not in body and "لم ينشر بعد" not in body
    items = by_title(client.get(LIST, {"locale": "ar"}))
    assert "مقهى اللغة" in items and "Läxhjälp" in items
    assert [link["locale"] for link in items["Läxhjälp"]["translations"]] == ["sv"]


def test_news_in_arabic(client, org_a):
    news = publish(NewsPageFactory(parent=org_a, title="Nytt om SFI"))
    translation_of(news, "ar", title="أخبار عن اللغة السويدية")
    item = client.get(
        reverse("api-v1:news-detail", args=[news.translation_key]), {"locale": "ar"}
    ).json()
    assert (item["title"], item["locale"]) == ("أخبار عن اللغة السويدية", "ar")
    assert item["organisation"]["id"] == str(org_a.translation_key)


def test_query_count_does_not_grow_with_translations(client, org_a):
    def add(n):
        for index in range(n):
            page = publish(InterventionPageFactory(parent=org_a, title=f"Kurs {index}"))
            translation_of(page, "ar", title=f"دورة {index}")

    add(2)
    few = count_queries(client, LIST + "?locale=ar")
    add(4)
    many = count_queries(client, LIST + "?locale=ar")
    assert few == many


def test_changes_feed_carries_the_language(client, org_a):
    news = publish(NewsPageFactory(parent=org_a, title="Nytt om SFI"))
    arabic = translation_of(news, "ar", title="أخبار")
    sfi = publish(InterventionPageFactory(parent=org_a, title="SFI"))
    translation_of(sfi, "ar", title="اللغة السويدية")
    arabic.unpublish()
    changes = reverse("api-v1:changes")
    snapshot = client.get(changes).json()["items"]
    key = str(news.translation_key)
    assert [(i["locale"], i["action"]) for i in snapshot if i["id"] == key] == [
        ("sv", "created")
    ]
    # An intervention's translation is the same object: its id, its language.
    languages = {i["locale"]: i for i in snapshot if i["id"] == str(sfi.uuid)}
    assert set(languages) == {"sv", "ar"}
    assert languages["ar"]["url"].endswith(f"/{sfi.uuid}/?locale=ar")
    assert client.get(languages["ar"]["url"]).json()["title"] == "اللغة السويدية"
    # Following the feed: every change of the news in order, the version
    # counting changes in any language.
    cursor = client.get(changes).json()["next_cursor"]
    from cms.changes.log import ChangesCursor

    everything = client.get(
        changes, {"cursor": ChangesCursor(after=0).encode(), "limit": 1000}
    ).json()["items"]
    assert cursor
    assert [
        (i["locale"], i["action"], i["version"]) for i in everything if i["id"] == key
    ] == [("sv", "created", 1), ("ar", "created", 2), ("ar", "unpublished", 3)]


def test_a_translated_page_outside_the_api_keeps_the_object_id(rf, bank):
    """The public page's JSON-LD and data (delivery.api.page_data) name a
    translation by its object's id, whose API address answers."""
    from delivery.api.page_data import page_api_data

    data = page_api_data(page=bank["arabic"], request=None)
    assert data["id"] == str(bank["sfi"].uuid)
    assert data["locale"] == "ar"
    assert [link["locale"] for link in data["translations"]] == ["ar", "sv"]
