"""The public page cache keeps a page until what it shows changes
(web/cache_dependencies.py): for each kind of change, which pages' ETags
must change and which must not."""

import pytest
import time_machine

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.changes.version import VERSION_KEY, content_version_bump
from cms.models import InterventionCategory, Language
from tests.factories import (
    InterventionPageFactory,
    NewsPageFactory,
    PersonFactory,
    publish,
    stockholm,
    translation_of,
)
from web import cache_dependencies

pytestmark = pytest.mark.usefixtures("public_site", "page_cache")

BANK = "/insatser/"


@pytest.fixture
def pages(org_a):
    return {
        "sfi": publish(InterventionPageFactory(parent=org_a, title="SFI i Tumba")),
        "cafe": publish(InterventionPageFactory(parent=org_a, title="Språkcafé")),
    }


def etag(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response["ETag"]


def etags(client, pages) -> dict:
    urls = {name: page.url for name, page in pages.items()}
    urls.update(bank=BANK, home="/")
    return {name: etag(client, url) for name, url in urls.items()}


def test_publishing_an_intervention_moves_its_page_and_the_bank_only(client, pages):
    before = etags(client, pages)
    pages["sfi"].title = "SFI i Tumba centrum"
    publish(pages["sfi"])

    after = etags(client, pages)

    assert after["sfi"] != before["sfi"]
    assert after["bank"] != before["bank"]
    assert after["home"] != before["home"]  # keyed by every change
    assert after["cafe"] == before["cafe"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(pages["cafe"].url)
    assert response["X-Cache"] == "hit"
    assert len(queries) == 0
    assert "SFI i Tumba centrum" in client.get(pages["sfi"].url).content.decode()
    assert "SFI i Tumba centrum" in client.get(BANK).content.decode()


def test_an_unpublished_intervention_is_no_longer_served(client, pages):
    client.get(pages["sfi"].url)
    assert client.get(pages["sfi"].url)["X-Cache"] == "hit"
    before = etag(client, pages["cafe"].url)

    pages["sfi"].unpublish()

    assert client.get(pages["sfi"].url).status_code == 404
    assert "SFI i Tumba" not in client.get(BANK).content.decode()
    assert etag(client, pages["cafe"].url) == before


@pytest.mark.parametrize(
    "change",
    [
        "category renamed",
        "person saved",
        "organisation published",
        "every change (a move, a restriction, a review)",
    ],
)
def test_what_every_page_may_show_moves_every_page(client, pages, org_a, change):
    before = etags(client, pages)
    if change == "category renamed":
        category = InterventionCategory.objects.get(slug="sfi")
        category.name = "Svenska för invandrare"
        category.save()
    elif change == "person saved":
        PersonFactory(organisation=org_a)
    elif change == "organisation published":
        org_a.title = "Botkyrka kommun"
        publish(org_a)
    else:
        content_version_bump()

    after = etags(client, pages)

    assert all(after[name] != before[name] for name in before), (before, after)


def test_publishing_news_leaves_the_interventions_pages(client, pages, org_a):
    before = etags(client, pages)

    publish(NewsPageFactory(parent=org_a, title="Nytt om SFI"))

    after = etags(client, pages)
    assert after["home"] != before["home"]
    assert after["sfi"] == before["sfi"]
    assert after["cafe"] == before["cafe"]
    assert after["bank"] == before["bank"]


def test_a_translations_publish_moves_its_sources_page(client, pages, public_site):
    translation_of(public_site, "ar", title="إتابليرينغ سودرتورن")
    # The café's translation brings its organisation's (an organisation's
    # publish moves every page).
    translation_of(pages["cafe"], "ar", title="مقهى اللغة")
    before = etags(client, pages)

    arabic = translation_of(pages["sfi"], "ar", title="السويدية للمهاجرين")

    after = etags(client, pages)
    assert after["sfi"] != before["sfi"]  # its language switcher offers Arabic
    assert arabic.url in client.get(pages["sfi"].url).content.decode()
    assert after["cafe"] == before["cafe"]


def test_a_page_rendered_while_something_is_published_is_not_stored(
    client, pages, monkeypatch
):
    depends_on = cache_dependencies.page_depends_on

    def published_meanwhile(request, page):
        content_version_bump(objects=["elsewhere"], kinds={"news"})
        return depends_on(request, page)

    monkeypatch.setattr("web.caching.page_depends_on", published_meanwhile)
    response = client.get(pages["sfi"].url)
    assert response.status_code == 200
    assert "ETag" not in response
    assert "no-cache" in response["Cache-Control"]
    monkeypatch.setattr("web.caching.page_depends_on", depends_on)

    assert client.get(pages["sfi"].url)["X-Cache"] == "miss"
    assert client.get(pages["sfi"].url)["X-Cache"] == "hit"


def test_what_each_page_depends_on(rf, pages, org_a):
    from django.urls import resolve

    from cms.changes.list_membership import (
        BANK_LANGUAGES,
        MUNICIPALITY_LISTS,
        municipality_list,
    )
    from cms.changes.log import object_stable_id
    from cms.changes.version import (
        SHARED_KEY,
        list_version_key,
        object_version_key,
    )

    request = rf.get(BANK)
    request.resolver_match = resolve(BANK)
    sfi = pages["sfi"]
    news = publish(NewsPageFactory(parent=org_a))

    assert cache_dependencies.page_depends_on(request, sfi) == [
        SHARED_KEY,
        object_version_key(object_stable_id(sfi)),
    ]
    assert cache_dependencies.page_depends_on(request, None) == [
        SHARED_KEY,
        list_version_key("intervention"),
        list_version_key(BANK_LANGUAGES),
    ]
    request.bank_municipalities = ["botkyrka"]
    assert cache_dependencies.page_depends_on(request, None) == [
        SHARED_KEY,
        list_version_key(MUNICIPALITY_LISTS),
        list_version_key(municipality_list("botkyrka")),
        list_version_key(BANK_LANGUAGES),
    ]
    assert cache_dependencies.page_depends_on(request, news) == [VERSION_KEY]
    request.resolver_match = resolve("/nyheter/")
    assert cache_dependencies.page_depends_on(request, None) == [VERSION_KEY]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """publish() and what waits for its commit (what the intervention serves
    is recorded then: cms.changes.list_membership)."""

    def publish_committed(page):
        with django_capture_on_commit_callbacks(execute=True):
            return publish(page)

    return publish_committed


def test_the_bank_of_one_municipality_follows_its_interventions_only(
    client, org_a, org_b, committed
):
    botkyrka = committed(
        InterventionPageFactory(parent=org_a, title="SFI Tumba", service_area=[org_a])
    )
    haninge = committed(
        InterventionPageFactory(parent=org_b, title="Läxhjälp", service_area=[org_b])
    )
    urls = {
        "botkyrka": f"{BANK}?municipality=botkyrka",
        "botkyrka in Arabic": f"{BANK}?municipality=botkyrka&language=ar",
        "haninge": f"{BANK}?municipality={org_b.slug}",
        "all": BANK,
    }
    before = {name: etag(client, url) for name, url in urls.items()}

    haninge.title = "Läxhjälp i Handen"
    committed(haninge)
    after = {name: etag(client, url) for name, url in urls.items()}
    assert after["botkyrka"] == before["botkyrka"]
    assert after["botkyrka in Arabic"] == before["botkyrka in Arabic"]
    assert after["haninge"] != before["haninge"]
    assert after["all"] != before["all"]
    assert "Läxhjälp i Handen" in client.get(urls["haninge"]).content.decode()

    botkyrka.title = "SFI Tumba kväll"
    committed(botkyrka)
    assert etag(client, urls["botkyrka"]) != after["botkyrka"]
    assert "SFI Tumba kväll" in client.get(urls["botkyrka"]).content.decode()


def test_a_new_language_in_the_bank_moves_every_bank_page(
    client, org_a, org_b, committed
):
    committed(InterventionPageFactory(parent=org_a, title="SFI", service_area=[org_a]))
    haninge = committed(
        InterventionPageFactory(parent=org_b, title="Läxhjälp", service_area=[org_b])
    )
    url = f"{BANK}?municipality=botkyrka"
    before = etag(client, url)

    haninge.languages.set(Language.objects.filter(code="ti"))
    committed(haninge)

    assert etag(client, url) != before  # its filter now offers Tigrinya
    assert 'value="ti"' in client.get(url).content.decode()


def test_an_interventions_page_and_the_bank_follow_the_day_the_start_page_the_quarter(
    client, pages
):
    """A quarter-hour renders again only the pages that show coming
    meetings (web.cache_dependencies.page_clock); a new day every page."""
    with time_machine.travel(stockholm(2026, 12, 7, 10, 14), tick=False):
        before = etags(client, pages)
    with time_machine.travel(stockholm(2026, 12, 7, 10, 16), tick=False):
        after = etags(client, pages)
        assert client.get(pages["sfi"].url)["X-Cache"] == "hit"
    with time_machine.travel(stockholm(2026, 12, 8, 10, 14), tick=False):
        next_day = etags(client, pages)

    assert after["home"] != before["home"]
    assert {name: after[name] for name in ("sfi", "cafe", "bank")} == {
        name: before[name] for name in ("sfi", "cafe", "bank")
    }
    assert all(next_day[name] != before[name] for name in before)
