"""Two regions in one installation: every partner output (delivery API,
JSON-LD, HSDS, RSS/Atom, iCal, the changes feed) reads one region by
`?region=<slug>` or below the region's own root, an API key of a region
reads only that region, ETags vary with the region read, and usage is
counted per region."""

import pytest

from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from delivery.access.keys import api_key_create
from delivery.access.usage import usage_flush, usage_summary
from delivery.models import ApiUsageDay
from tests.factories import InterventionPageFactory, publish, region_with_content

A, B = "sodertorn", "norrort"

# (root, path below it): read as root + path, root + "regions/<slug>/" +
# path, and root + path + "?region=<slug>".
OUTPUTS = [
    ("/api/v1/", "interventions/"),
    ("/api/v1/", "organisations/"),
    ("/api/v1/", "news/"),
    ("/api/v1/", "events/"),
    ("/api/v1/", "groups/"),
    ("/api/v1/", "changes/"),
    ("/api/hsds/", "services"),
    ("/api/hsds/", "organizations"),
    ("/feeds/", "news.rss"),
    ("/feeds/", "news.atom"),
    ("/feeds/", "events.ics"),
]


@pytest.fixture(scope="module")
def two_regions(django_db_setup, django_db_blocker):
    """Built once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield {
            A: region_with_content(slug=A, title="Södertörn", marker="Alfa"),
            B: region_with_content(slug=B, title="Norrort", marker="Beta"),
        }
        transaction.set_rollback(True)


@pytest.fixture
def regions(db, two_regions):
    return two_regions


def _text(response) -> str:
    assert response.status_code == 200, response.content[:300]
    return response.content.decode()


def _markers(regions, text: str) -> set[str]:
    """Which regions' content the text shows: by the markers in titles, or
    by the objects' ids (the changes feed names objects by id only)."""
    ids = {
        str(getattr(page, "uuid", None) or page.translation_key): marker
        for marker, content in (("Alfa", regions[A]), ("Beta", regions[B]))
        for key in ("intervention", "news", "meeting", "organisation")
        for page in [content[key]]
    }
    found = {marker for marker in ("Alfa", "Beta") if marker in text}
    found |= {marker for key, marker in ids.items() if key in text}
    return found


@pytest.mark.parametrize(("root", "path"), OUTPUTS)
def test_each_output_reads_one_region_or_all(client, regions, root, path):
    everything = _text(client.get(root + path))
    by_root = _text(client.get(f"{root}regions/{A}/{path}"))
    by_filter = _text(client.get(f"{root}{path}?region={B}"))

    assert _markers(regions, everything) == {"Alfa", "Beta"}
    assert _markers(regions, by_root) == {"Alfa"}
    assert _markers(regions, by_filter) == {"Beta"}


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/interventions/{B}-insats/",
        f"/api/v1/interventions/{B}-insats/?format=jsonld",
        f"/api/v1/news/{B}-nyhet/",
        f"/api/v1/events/{B}-mote/",
    ],
)
def test_the_other_regions_details_are_not_found(client, regions, url):
    path, _sep, query = url.partition("?")
    assert client.get(url).status_code == 200
    below_a = path.replace("/api/v1/", f"/api/v1/regions/{A}/")
    assert client.get(f"{below_a}?{query}").status_code == 404
    assert client.get(f"{path}?region={A}&{query}").status_code == 404


def test_the_other_regions_hsds_service_is_not_found(client, regions):
    service = regions[B]["intervention"].uuid
    assert client.get(f"/api/hsds/services/{service}").status_code == 200
    response = client.get(f"/api/hsds/regions/{A}/services/{service}")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/interventions/?region=atlantis",
        "/api/v1/regions/atlantis/interventions/",
        "/api/hsds/services?region=atlantis",
        "/feeds/regions/atlantis/news.rss",
        "/feeds/events.ics?region=atlantis",
        "/api/v1/changes/?region=atlantis",
    ],
)
def test_an_unknown_region_is_a_clear_404(client, regions, url):
    response = client.get(url)
    assert response.status_code == 404
    if response["Content-Type"].startswith("application/json"):
        assert "region" in response.json()["detail"]


def test_root_and_filter_naming_two_regions_is_refused(client, regions):
    response = client.get(f"/api/v1/regions/{A}/interventions/?region={B}")
    assert response.status_code == 400
    assert "region" in response.json()


def test_etags_vary_with_the_region_and_304_still_answers(client, regions):
    url = "/api/v1/interventions/"
    tags = {
        client.get(url)["ETag"],
        client.get(f"{url}?region={A}")["ETag"],
        client.get(f"{url}?region={B}")["ETag"],
    }
    assert len(tags) == 3
    tag_a = client.get(f"{url}?region={A}")["ETag"]
    again = client.get(f"{url}?region={A}", HTTP_IF_NONE_MATCH=tag_a)
    assert again.status_code == 304
    other = client.get(f"{url}?region={B}", HTTP_IF_NONE_MATCH=tag_a)
    assert other.status_code == 200 and "Beta" in other.content.decode()
    assert "Authorization" in again["Vary"] and "X-Api-Key" in again["Vary"]


def test_a_regions_key_reads_only_its_region(client, regions):
    _key, secret = api_key_create(name="Södertörns webb", region=regions[A]["region"])
    keyed = {"HTTP_AUTHORIZATION": f"Api-Key {secret}"}

    anonymous = client.get("/api/v1/interventions/")
    own = client.get("/api/v1/interventions/", **keyed)
    assert _markers(regions, _text(own)) == {"Alfa"}
    # The same URL read anonymously is another response (and ETag).
    assert own["ETag"] != anonymous["ETag"]
    cached = client.get("/api/v1/interventions/", **keyed)
    assert _markers(regions, _text(cached)) == {"Alfa"}
    assert _markers(regions, _text(client.get("/feeds/news.rss", **keyed))) == {"Alfa"}
    for url in (
        f"/api/v1/interventions/?region={B}",
        f"/api/v1/regions/{B}/interventions/",
        f"/api/hsds/regions/{B}/services",
        f"/feeds/events.ics?region={B}",
    ):
        refused = client.get(url, **keyed)
        assert refused.status_code == 403, url
        assert A in refused.json()["detail"]
    detail = f"/api/v1/interventions/{regions[B]['intervention'].uuid}/"
    assert client.get(detail, **keyed).status_code == 404
    assert client.get(f"/api/v1/regions/{A}/interventions/", **keyed).status_code == (
        200
    )


def test_an_installation_wide_key_reads_every_region(client, regions):
    _key, secret = api_key_create(name="Nationella portalen")
    keyed = {"HTTP_X_API_KEY": secret}
    assert _markers(regions, _text(client.get("/api/v1/interventions/", **keyed))) == {
        "Alfa",
        "Beta",
    }
    assert _markers(
        regions, _text(client.get(f"/api/v1/interventions/?region={B}", **keyed))
    ) == {"Beta"}


def test_usage_is_counted_per_region(client, regions):
    region_a, region_b = regions[A]["region"], regions[B]["region"]
    _key, secret = api_key_create(name="Södertörns webb", region=region_a)
    client.get("/api/v1/news/", HTTP_X_API_KEY=secret)
    client.get("/api/v1/news/", HTTP_X_API_KEY=secret)
    client.get(f"/api/v1/news/?region={B}")
    client.get("/api/v1/news/?region=atlantis")  # 404: no region counted
    client.get("/api/v1/news/")

    assert usage_flush() == 5
    rows = {
        (row.client, row.region_id): row.requests for row in ApiUsageDay.objects.all()
    }
    assert rows == {
        ("key:Södertörns webb", region_a.pk): 2,
        ("anonymous", region_b.pk): 1,
        ("anonymous", None): 2,
    }
    assert usage_summary(regions=[region_a])["total"] == 2
    assert usage_summary(regions=[region_b])["total"] == 1
    assert usage_summary()["total"] == 5


def test_a_region_filtered_list_costs_the_same_queries_at_any_size(client, regions):
    client.get(f"/api/v1/interventions/?region={A}&x=warm")

    def queries(marker):
        with CaptureQueriesContext(connection) as captured:
            assert (
                client.get(f"/api/v1/interventions/?region={A}&n={marker}").status_code
                == 200
            )
        return len(captured)

    def cold_and_built(marker):
        # Cold: nothing built (delivery.api.fragments); then built.
        cache.clear()
        return queries(f"{marker}-cold"), queries(f"{marker}-built")

    one = cold_and_built(1)
    for _ in range(3):
        publish(InterventionPageFactory(parent=regions[A]["organisation"]))
    assert cold_and_built(2) == one
    assert one[1] < one[0]  # what is built costs no serializer's queries


def test_a_page_moved_to_another_region_leaves_the_first_regions_feed(client, regions):
    intervention = regions[A]["intervention"]
    intervention.move(regions[B]["organisation"], pos="last-child")

    def actions(slug):
        items = client.get(f"/api/v1/changes/?region={slug}&limit=100").json()["items"]
        return [
            item["action"] for item in items if item["id"] == str(intervention.uuid)
        ]

    # Read from the start, region A's snapshot no longer holds it and region
    # B's does; a reader of A who had it gets the tombstone.
    assert actions(A) == []
    assert actions(B) == ["created"]
    log = client.get(f"/api/v1/changes/?region={A}").json()
    cursor_after_snapshot = log["next_cursor"]
    assert cursor_after_snapshot
    from cms.models import ContentChange

    rows = list(
        ContentChange.objects.filter(object_id=intervention.uuid).values_list(
            "action", "region_id"
        )
    )
    assert rows == [
        ("created", regions[A]["region"].pk),
        ("unpublished", regions[A]["region"].pk),
        ("created", regions[B]["region"].pk),
    ]
