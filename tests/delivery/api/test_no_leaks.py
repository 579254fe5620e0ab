"""Nothing that is not public ever leaves through a partner endpoint: drafts,
pages unpublished after being live, password-protected and login-restricted
pages (and everything under them), and unpublished revisions of live pages,
of every content type, in every list, detail, search, feed and format.

One parametrised test per endpoint: a new endpoint is covered by adding one
line to PUBLIC_URLS."""

import json
import uuid

import pytest

from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from wagtail.models import PageViewRestriction, Site

from tests.factories import (
    CollaborationGroupFactory,
    GroupMembershipFactory,
    InterventionPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    PersonFactory,
    RegionPageFactory,
    publish,
    translation_of,
)

MARK = "HEMLIG"

PUBLIC_URLS = [
    "/api/v1/interventions/",
    f"/api/v1/interventions/?q={MARK}",
    "/api/v1/interventions/?page_size=100&ordering=-pk",
    "/api/v1/organisations/",
    "/api/v1/news/",
    f"/api/v1/news/?q={MARK}",
    "/api/v1/events/",
    "/api/v1/groups/",
    "/api/v1/people/",
    "/api/v1/people/?group=natverket",
    "/api/v1/changes/?limit=1000",
    "/api/hsds/",
    "/api/hsds/services/",
    f"/api/hsds/services/?search={MARK}",
    "/api/hsds/organizations/",
    "/api/v2/pages/",
    f"/api/v2/pages/?search={MARK}",
    "/api/v2/pages/?type=samverkan_cms.InterventionPage&fields=*&limit=100",
    "/feeds/news.rss",
    "/feeds/news.atom",
    "/feeds/events.ics",
    # The same outputs of the one region (delivery.api.regions).
    "/api/v1/regions/lackage/interventions/",
    "/api/v1/regions/lackage/changes/?limit=1000",
    "/api/v1/news/?region=lackage",
    "/api/v1/events/?region=lackage",
    "/api/hsds/regions/lackage/services",
    "/api/hsds/organizations?region=lackage",
    "/feeds/regions/lackage/news.atom",
    "/feeds/events.ics?region=lackage",
    "/forslag/",
    # The public site of the region (the default Site's root here).
    "/",
    "/insatser/",
    "/insatser/?q=utkast",  # the secret drafts' titles: "HEMLIG utkast"
    "/nyheter/",
    "/moten/",
    "/grupper/",
    "/grupper/natverket/",
    "/projekt/",
    "/sitemap.xml",
    # The public site in Arabic: the region's home is translated, a page has
    # a published translation with an unpublished revision and another a
    # draft translation never published.
    "/ar/",
    "/ar/insatser/",
    "/ar/insatser/?q=utkast",
    "/ar/nyheter/",
    "/ar/moten/",
]
# Every partner endpoint again in each language that has a draft, an
# unpublished translation or a live translation with a newer draft.
TRANSLATED_URLS = [
    f"{url}{'&' if '?' in url else '?'}locale={language}"
    for url in (
        "/api/v1/interventions/",
        f"/api/v1/interventions/?q={MARK}",
        "/api/v1/organisations/",
        "/api/v1/news/",
        "/api/v1/events/",
        "/api/hsds/services/",
        "/api/hsds/organizations/",
        "/feeds/news.rss",
        "/feeds/news.atom",
        "/feeds/events.ics",
    )
    for language in ("ar", "en", "so")
]
LANGUAGES = [
    ("sv", "Svenska"),
    ("en", "English"),
    ("ar", "العربية"),
    ("so", "Soomaali"),
]
PUBLIC_ARABIC = "صفحة منشورة"


@pytest.fixture(autouse=True)
def _languages(settings):
    settings.LANGUAGES = LANGUAGES
    settings.WAGTAIL_CONTENT_LANGUAGES = LANGUAGES


def _secret(factory, parent, kind, **kwargs):
    return factory(
        parent=parent,
        title=f"{MARK} {kind}",
        slug=f"hemlig-{uuid.uuid4().hex[:8]}",
        **kwargs,
    )


@pytest.fixture(scope="module")
def content(django_db_setup, django_db_blocker):
    """Public and secret content of every type, built once for the module
    and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        region = RegionPageFactory(
            title="Läckage", slug="lackage", short_name="Läckage"
        )
        org = publish(OrganisationPageFactory(parent=region, title="Öppen kommun"))
        group = CollaborationGroupFactory(
            region=region, name="Nätverket", slug="natverket"
        )
        site = Site.objects.get(is_default_site=True)
        site.root_page = region
        site.save()
        translation_of(region, "ar", title="تسرّب")
        secret_ids = []
        public_with_draft = []

        types = [
            (InterventionPageFactory, {}, "uuid"),
            (NewsPageFactory, {}, "translation_key"),
            (MeetingPageFactory, {"group": group}, "translation_key"),
        ]

        # Secret organisations: a draft, and one behind a login restriction
        # with published content under it.
        draft_org = _secret(
            OrganisationPageFactory, region, "organisation-utkast", live=False
        )
        restricted_org = publish(
            _secret(OrganisationPageFactory, region, "organisation-inloggning")
        )
        PageViewRestriction.objects.create(
            page=restricted_org, restriction_type="login"
        )
        secret_ids += [draft_org.translation_key, restricted_org.translation_key]

        # People: one seated at a public organisation whose contact details
        # are not public, and seated people of the secret organisations; a
        # group of a draft region.
        seated = PersonFactory(
            organisation=org,
            name="Synlig ledamot",
            email="hemlig-adress@example.se",
            phone="08-HEMLIG",
        )
        GroupMembershipFactory(group=group, person=seated)
        secret_people = []
        for organisation in (draft_org, restricted_org):
            person = PersonFactory(
                organisation=organisation, name=f"{MARK} ledamot", title=MARK
            )
            GroupMembershipFactory(group=group, person=person)
            secret_people.append(person.uuid)
        draft_region = RegionPageFactory(title=f"{MARK} region", live=False)
        secret_group = CollaborationGroupFactory(
            region=draft_region, name=f"{MARK} grupp", slug="hemlig-grupp"
        )
        GroupMembershipFactory(group=secret_group, person=seated)
        secret_ids += [*secret_people, secret_group.uuid]

        for factory, extra, id_field in types:
            draft = _secret(factory, org, "utkast", live=False, **extra)
            unpublished = publish(_secret(factory, org, "avpublicerad", **extra))
            unpublished.unpublish()
            password = publish(_secret(factory, org, "lösenord", **extra))
            PageViewRestriction.objects.create(
                page=password, restriction_type="password", password="x"
            )
            under_login = publish(
                _secret(factory, restricted_org, "under-inloggning", **extra)
            )
            live = publish(factory(parent=org, title="Publicerad sida", **extra))
            live.title = f"{MARK} opublicerad revision"
            live.save_revision()
            public_with_draft.append(live)
            # Translations that must not show: a draft never published
            # (en), one published then unpublished (so), and a newer draft
            # of a live translation (ar).
            translation_of(live, "en", live=False, title=f"{MARK} en-utkast")
            translation_of(live, "so", title=f"{MARK} so").unpublish()
            arabic = translation_of(live, "ar", title=PUBLIC_ARABIC)
            arabic.title = f"{MARK} ar-utkast"
            arabic.save_revision()
            secret_ids += [
                getattr(page, id_field)
                for page in (draft, unpublished, password, under_login)
            ]
        yield {
            "secret_ids": [str(value) for value in secret_ids],
            "public": public_with_draft,
            "group": group,
            "secret_people": [str(value) for value in secret_people],
            "secret_group": str(secret_group.uuid),
            "seated": str(seated.uuid),
        }
        transaction.set_rollback(True)


@pytest.mark.parametrize("url", PUBLIC_URLS + TRANSLATED_URLS)
def test_no_secret_in_any_endpoint(client, db, content, url):
    cache.clear()
    response = client.get(url)

    assert response.status_code == 200, (url, response.status_code)
    body = response.content.decode()
    assert MARK not in body and MARK.lower() not in body, url
    for secret_id in content["secret_ids"]:
        assert secret_id not in body, (url, secret_id)


def test_the_public_pages_are_there(client, db, content):
    """The endpoints do show the public versions (the test above would pass
    vacuously on empty responses otherwise)."""
    cache.clear()
    assert "Publicerad sida" in client.get("/api/v1/interventions/").content.decode()
    assert "Publicerad sida" in client.get("/api/v1/news/").content.decode()
    assert "Publicerad sida" in client.get("/feeds/events.ics").content.decode()
    assert "Öppen kommun" in client.get("/api/hsds/organizations/").content.decode()
    assert "Synlig ledamot" in client.get("/api/v1/people/").content.decode()
    assert "Synlig ledamot" in client.get("/api/v1/groups/").content.decode()
    # The seated person's public card: no contact details not marked public.
    card = client.get(reverse("web:person", args=[content["seated"]]))
    assert card.status_code == 200 and "Synlig ledamot" in card.content.decode()
    assert MARK.lower() not in card.content.decode().lower()

    for url in ("/api/v1/interventions/", "/api/v1/news/", "/feeds/events.ics"):
        assert PUBLIC_ARABIC in client.get(url + "?locale=ar").content.decode()
    assert PUBLIC_ARABIC in client.get("/ar/insatser/").content.decode()
    assert PUBLIC_ARABIC in client.get("/ar/nyheter/").content.decode()


def test_no_secret_person_or_group_detail(client, db, content):
    cache.clear()
    for secret_id in content["secret_people"]:
        for route in ("api-v1:person-detail", "web:person"):
            response = client.get(reverse(route, args=[secret_id]))
            assert response.status_code == 404, (route, secret_id)
    for lookup in (content["secret_group"], "hemlig-grupp"):
        response = client.get(reverse("api-v1:group-detail", args=[lookup]))
        assert response.status_code == 404, lookup


DETAIL_ROUTES = [
    "api-v1:intervention-detail",
    "api-v1:news-detail",
    "api-v1:event-detail",
    "api-v1:organisation-detail",
    "api-hsds:service-detail",
    "api-hsds:organization-detail",
]


@pytest.mark.parametrize("route", DETAIL_ROUTES)
@pytest.mark.parametrize("suffix", ["", "?format=jsonld", "?locale=ar"])
def test_no_secret_detail(client, db, content, route, suffix):
    cache.clear()
    for secret_id in content["secret_ids"]:
        response = client.get(reverse(route, args=[secret_id]) + suffix)
        assert response.status_code == 404, (route, secret_id, response.status_code)


def _detail_url(page):
    name = type(page).__name__
    if name == "InterventionPage":
        return reverse("api-v1:intervention-detail", args=[page.uuid])
    route = "api-v1:news-detail" if name == "NewsPage" else "api-v1:event-detail"
    return reverse(route, args=[page.translation_key])


def test_live_pages_show_their_published_revision_only(client, db, content):
    cache.clear()
    for page in content["public"]:
        for suffix in ("", "?format=jsonld"):
            body = client.get(_detail_url(page) + suffix).content.decode()
            assert "Publicerad sida" in body and MARK not in body
        for language in ("ar", "en", "so"):
            body = client.get(_detail_url(page), {"locale": language}).content
            assert MARK not in body.decode()
        arabic = client.get(_detail_url(page), {"locale": "ar"}).json()
        assert arabic["title"] == PUBLIC_ARABIC
        assert [t["locale"] for t in arabic["translations"]] == ["ar", "sv"]


def test_changes_feed_from_the_start_shows_no_secret(client, db, content):
    cache.clear()
    body = json.dumps(client.get("/api/v1/changes/?limit=1000").json())
    for secret_id in content["secret_ids"]:
        assert secret_id not in body
