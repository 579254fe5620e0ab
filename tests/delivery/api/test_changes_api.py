"""The changes feed: the full current set, then every create, update,
unpublish and delete in commit order, resumable from a stored cursor, with
nothing lost when content changes between pages."""

import pytest

from django.db import transaction
from django.urls import reverse

from wagtail.models import PageViewRestriction

from cms.models import ContentChange
from tests.factories import (
    InterventionPageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    publish,
)

FEED = reverse("api-v1:changes")


def read(client, cursor=None, limit=None):
    params = {}
    if cursor:
        params["cursor"] = cursor
    if limit:
        params["limit"] = limit
    response = client.get(FEED, params)
    assert response.status_code == 200, response.content
    return response.json()


def read_all(client, cursor=None, limit=2):
    """Follow the feed until `has_more` is false; return items and cursor."""
    items = []
    while True:
        page = read(client, cursor, limit)
        items += page["items"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return items, cursor


def keyed(items):
    return [(item["id"], item["action"], item["version"]) for item in items]


def test_without_cursor_the_full_current_set(client, org_a, org_b):
    publish(org_a)
    publish(org_b)
    live = publish(InterventionPageFactory(parent=org_a, title="SFI"))
    InterventionPageFactory(parent=org_a, title="Utkast", live=False)
    gone = publish(InterventionPageFactory(parent=org_a, title="Borttagen"))
    gone.delete()
    news = publish(NewsPageFactory(parent=org_b, title="Nyhet"))

    items, _ = read_all(client)

    ids = {item["id"] for item in items}
    assert str(live.uuid) in ids and str(news.translation_key) in ids
    assert str(org_a.translation_key) in ids and str(org_b.translation_key) in ids
    # Nothing deleted before the reader started, no drafts, no tombstones.
    assert str(gone.uuid) not in ids
    assert {item["action"] for item in items} <= {"created", "updated"}
    assert len(ids) == len(items), "one item per object in the snapshot"
    sfi = next(item for item in items if item["id"] == str(live.uuid))
    assert sfi["type"] == "intervention"
    assert sfi["url"].endswith(f"/api/v1/interventions/{live.uuid}/?locale=sv")
    assert sfi["locale"] == "sv"


def test_every_change_after_the_cursor_in_order(client, org_a):
    _, cursor = read_all(client)

    page = InterventionPageFactory(parent=org_a, title="SFI")
    publish(page)  # created
    page.title = "SFI Tumba"
    publish(page)  # updated
    page.unpublish()  # tombstone
    publish(page)  # created again
    page_uuid = str(page.uuid)
    page.delete()  # tombstone

    items, cursor = read_all(client, cursor)

    assert keyed(items) == [
        (page_uuid, "created", 1),
        (page_uuid, "updated", 2),
        (page_uuid, "unpublished", 3),
        (page_uuid, "created", 4),
        (page_uuid, "deleted", 5),
    ]
    assert [item["url"] is None for item in items] == [
        False,
        False,
        True,
        False,
        True,
    ]
    # The stored cursor has nothing new to say.
    again = read(client, cursor)
    assert again == {
        "items": [],
        "next_cursor": cursor,
        "has_more": False,
        "snapshot": False,
    }


def test_nothing_lost_when_content_changes_between_pages(client, org_a):
    pages = [
        publish(InterventionPageFactory(parent=org_a, title=f"Insats {n}"))
        for n in range(6)
    ]
    first = read(client, limit=2)
    seen = first["items"]
    assert first["snapshot"] is True and first["has_more"] is True
    first_uuid = {item["id"] for item in seen}

    # Between pages: edit one already read, edit one not yet read, delete one
    # not yet read, add a new one.
    already = next(p for p in pages if str(p.uuid) in first_uuid)
    later = [p for p in pages if str(p.uuid) not in first_uuid]
    already.title = "Ändrad efter läsning"
    publish(already)
    later[0].title = "Ändrad före läsning"
    publish(later[0])
    deleted_uuid = str(later[1].uuid)
    later[1].delete()
    new = publish(InterventionPageFactory(parent=org_a, title="Ny"))

    rest, _ = read_all(client, first["next_cursor"], limit=2)
    items = seen + rest

    # Replaying the feed in order gives the current state exactly.
    state = {}
    for item in items:
        if item["action"] in ("unpublished", "deleted"):
            state.pop(item["id"], None)
        else:
            state[item["id"]] = item["version"]
    expected = {
        str(page.uuid): ContentChange.objects.filter(object_id=page.uuid)
        .order_by("-id")
        .first()
        .version
        for page in [*pages, new]
        if str(page.uuid) != deleted_uuid
    }
    interventions = {
        k: v for k, v in state.items() if k in expected or k == deleted_uuid
    }
    assert interventions == expected


def test_view_restrictions_are_tombstones_and_lifting_them_recreates(client, org_a):
    page = publish(InterventionPageFactory(parent=org_a, title="SFI"))
    _, cursor = read_all(client)

    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type="password", password="x"
    )
    items, cursor = read_all(client, cursor)
    assert keyed(items) == [(str(page.uuid), "unpublished", 2)]

    # Publishing a hidden page tells the public nothing.
    publish(page)
    assert read(client, cursor)["items"] == []

    restriction.delete()
    items, _ = read_all(client, cursor)
    assert keyed(items) == [(str(page.uuid), "created", 3)]


def test_hiding_an_organisation_hides_everything_under_it(client, region):
    org = publish(OrganisationPageFactory(parent=region, title="Förening"))
    page = publish(InterventionPageFactory(parent=org, title="Läxhjälp"))
    _, cursor = read_all(client)

    PageViewRestriction.objects.create(page=org, restriction_type="login")

    items, _ = read_all(client, cursor)
    assert {(item["id"], item["action"]) for item in items} == {
        (str(org.translation_key), "unpublished"),
        (str(page.uuid), "unpublished"),
    }


# The backfill records every live organisation it finds.
@pytest.mark.fresh_region
def test_backfill_records_what_bypassed_the_signals_once(client, region):
    import uuid

    from django.utils import timezone

    from cms.changes.log import changes_backfill

    # Created live by code, without Wagtail's publish signal.
    org = OrganisationPageFactory(parent=region, title="Förening")
    assert not ContentChange.objects.filter(page_id=org.pk).exists()
    # Logged, then its page vanished without signals (e.g. a restored dump).
    vanished = ContentChange.objects.create(
        object_type="news",
        object_id=uuid.uuid4(),
        page_id=987654,
        action="created",
        version=1,
        modified_at=timezone.now(),
    )

    assert changes_backfill() == 2
    assert changes_backfill() == 0
    assert ContentChange.objects.get(page_id=org.pk).action == "created"
    tombstone = ContentChange.objects.filter(page_id=987654).latest("id")
    assert (tombstone.action, tombstone.version, tombstone.object_id) == (
        "deleted",
        2,
        vanished.object_id,
    )


def test_a_rolled_back_publish_records_nothing(client, org_a):
    page = InterventionPageFactory(parent=org_a, title="SFI", live=False)
    before = ContentChange.objects.count()

    with pytest.raises(RuntimeError), transaction.atomic():
        publish(page)
        raise RuntimeError("rolled back")

    assert ContentChange.objects.count() == before


@pytest.mark.parametrize("cursor", ["not-a-cursor", "eDE6Mg", "bC01"])
def test_bad_cursor_is_a_clear_400(client, db, cursor):
    response = client.get(FEED, {"cursor": cursor})
    assert response.status_code == 400
    assert "cursor" in response.json()


@pytest.mark.parametrize("limit", ["0", "many", "-3"])
def test_bad_limit_is_a_clear_400(client, db, limit):
    response = client.get(FEED, {"limit": limit})
    assert response.status_code == 400
    assert "limit" in response.json()


def test_conditional_get_and_invalidation(client, org_a):
    first = client.get(FEED)
    assert client.get(FEED, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    publish(InterventionPageFactory(parent=org_a, title="Ny"))

    assert client.get(FEED, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_query_count_does_not_grow_with_the_page(client, org_a):
    from tests.delivery.api.helpers import count_queries

    publish(InterventionPageFactory(parent=org_a, title="En"))
    one = count_queries(client, f"{FEED}?limit=1")
    for n in range(5):
        publish(InterventionPageFactory(parent=org_a, title=f"Fler {n}"))
    many = count_queries(client, f"{FEED}?limit=100")
    assert many == one


def test_a_review_is_a_change_partners_hear_of(client, org_a):
    from cms.services import interventions_mark_reviewed

    page = publish(InterventionPageFactory(parent=org_a, title="SFI"))
    _, cursor = read_all(client)
    detail = reverse("api-v1:intervention-detail", args=[page.uuid])
    assert client.get(detail).json()["last_reviewed_at"] is None

    interventions_mark_reviewed(pages=[page])

    items, _ = read_all(client, cursor)
    assert keyed(items) == [(str(page.uuid), "updated", 2)]
    # The cached response is gone too.
    assert client.get(detail).json()["last_reviewed_at"] is not None
