"""The permission matrix: for every content type and every admin and admin
API action, an editor of organisation A against organisation B's content is
refused, and the database is left as it was. The same request by the
region's central administrator is the positive control: it succeeds (or
changes the database), so each refusal is scoping, not a broken request.

The tables live in tests/cms/scoping/permission_matrix.py: a new content type or
action is covered by adding one line there. The public API's side (drafts of
B never in /api/v1/, feeds or HSDS) is tests/delivery/api/test_no_leaks.py."""

import io
from urllib.parse import urlencode

import pytest
from PIL import Image

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from tests.cms.scoping.permission_matrix import (
    CONTENT_TYPES,
    DRAFT,
    OFFERS_DRAFT,
    RENDERS,
    REVISION,
    World,
    db_state,
)
from tests.cms.scoping.permission_matrix_cases import (
    CONTROL_CASES,
    CONTROL_SKIPS,
    KNOWN_HOLES,
    PAGE_CASES,
)
from tests.cms.scoping.permission_matrix_media import MEDIA_ACTIONS, media_state
from tests.cms.scoping.permission_matrix_snippets import (
    KNOWN_SNIPPET_HOLES,
    LISTS_B,
    SNIPPET_CASES,
    SNIPPET_TYPES,
    snippet_row_urls,
)
from tests.cms.scoping.permission_matrix_translations import TRANSLATION_ACTIONS
from tests.factories import (
    CollaborationGroupFactory,
    OrganisationPageFactory,
    RegionPageFactory,
    UserFactory,
    central_admin_of,
    editor_of,
    publish,
)
from tests.tasks_backend import indexing_on


def _with_draft(page):
    """Publish the page, then save an unpublished revision carrying REVISION
    (logged, so that it is in the page's and the site's history)."""
    page = publish(page)
    page.title = f"{page.title} {REVISION}"
    page.save_revision(log_action=True)
    return Page.objects.get(pk=page.pk).specific


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "#2a6").save(buffer, "PNG")
    return ImageFile(buffer, name="b.png")


def _media_of(org):
    """An image and a document in the organisation's collection."""
    return {
        "image": get_image_model().objects.create(
            title=f"{DRAFT} bild", file=_png(), collection=org.collection
        ),
        "document": get_document_model().objects.create(
            title=f"{DRAFT} dokument",
            file=ContentFile(b"hemligt", name="b.txt"),
            collection=org.collection,
        ),
        "collection": org.collection,
    }


def _workflow(region, org_b):
    workflow = Workflow.objects.create(name="Granskning")
    task = GroupApprovalTask.objects.create(name="Strategen granskar")
    task.groups.add(region.central_group)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=org_b)
    return workflow


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Organisations A and B with a page of every content type each (B's with
    an unpublished draft and a never-published sibling), built once for the
    module and rolled back after it. Indexed, as in a running site: the
    search and usage cases read the indexes."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        indexing_on(),
    ):
        region = RegionPageFactory(
            title="Södertörn", slug="sodertorn", short_name="Södertörn"
        )
        org_a = publish(
            OrganisationPageFactory(parent=region, title="Botkyrka", slug="botkyrka")
        )
        org_b = OrganisationPageFactory(parent=region, title="Haninge", slug="haninge")
        group = CollaborationGroupFactory(region=region, name="Beredningsgruppen")
        world = World(
            region=region,
            org_a=org_a,
            org_b=_with_draft(org_b),
            editor_a=editor_of(org_a, username="editor_a"),
            editor_b=editor_of(org_b, username="editor_b"),
            central_admin=central_admin_of(region, username="strategist"),
            superuser=UserFactory(username="admin", is_superuser=True),
            group=group,
            workflow=_workflow(region, org_b),
        )
        for name, content_type in CONTENT_TYPES.items():
            if content_type.build is None:
                world.pages_b[name] = world.org_b
                continue
            build = content_type.build
            world.pages_a[name] = publish(
                build(world, parent=org_a, title=f"Botkyrkas {name}")
            )
            world.drafts_b[name] = build(
                world, parent=org_b, title=f"{DRAFT} {name}", live=False
            )
            world.pages_b[name] = _with_draft(
                build(world, parent=org_b, title=f"Haninges {name}")
            )
        for name, snippet_type in SNIPPET_TYPES.items():
            world.snippets_b[name] = snippet_type.build(world)
        world.media_b = _media_of(world.org_b)
        _tag_drafts(world)
        yield world
        transaction.set_rollback(True)


def _tag_drafts(world):
    """Tags that only B's unpublished work carries: its never-published news
    item's and its live news item's unpublished revision's (the edit form
    makes the tag when the draft is saved). (Tags of B's images:
    tests/cms/scoping/test_tag_scoping.py.)"""
    draft = world.drafts_b["news"]
    draft.tags.add(f"{DRAFT}-tagg")
    draft.save()
    live = world.pages_b["news"]
    live.tags.add(f"{REVISION}-tagg")
    live.save_revision()


def _b_pages(world):
    return [
        world.org_b,
        *world.pages_b.values(),
        *world.drafts_b.values(),
    ]


def _request(client, world, content_type, action, page):
    url = action.url(world, content_type, page)
    data = action.data(world, content_type, page) if action.data else {}
    if action.method == "get":
        return client.get(url)
    if action.method == "put":  # wagtail-localize's translation editor API
        form = "application/x-www-form-urlencoded"
        return client.put(url, urlencode(data), content_type=form)
    if url.startswith("/admin/api/"):
        return client.post(url, data, content_type="application/json")
    return client.post(url, data)


def _target(world, content_type, action):
    page = Page.objects.get(pk=world.pages_b[content_type].pk).specific
    return action.prepare(world, page) if action.prepare else page


EDIT_LINKS = ("edit", "delete", "unpublish", "move", "copy", "lock", "set_privacy")


def _links_to_change(body, page):
    return [
        name
        for name in EDIT_LINKS
        if reverse(f"wagtailadmin_pages:{name}", args=(page.pk,)) in body
    ]


def _case_id(content_type, action):
    return f"{content_type}: {action.name}"


def _cases(cases, marks_for):
    return [
        pytest.param(t, action, id=_case_id(t, action), marks=marks_for(t, action))
        for t, action in cases
    ]


def _xfail_known(holes):
    def marks_for(t, action):
        reason = holes.get(action.name)
        return [pytest.mark.xfail(strict=True, reason=reason)] if reason else []

    return marks_for


def _control_skip(t, action):
    reason = CONTROL_SKIPS.get((t, action.name))
    return [pytest.mark.skip(reason=reason)] if reason else []


@pytest.mark.parametrize(
    ("content_type", "action"), _cases(PAGE_CASES, _xfail_known(KNOWN_HOLES))
)
def test_editor_of_a_is_refused_on_bs_page(client, db, world, content_type, action):
    page = _target(world, content_type, action)
    client.force_login(world.editor_a)
    before = db_state()

    response = _request(client, world, content_type, action, page)

    body = response.content.decode()
    assert DRAFT not in body
    assert REVISION not in body
    if action.kind == "listing":
        assert response.status_code == 200
        for b_page in _b_pages(world):
            links = _links_to_change(body, b_page)
            if action.shows_edit_urls:
                links = [link for link in links if link != "edit"]
            assert not links, b_page.title
    else:
        assert response.status_code in action.refused, response.status_code
    assert db_state() == before


@pytest.mark.parametrize(
    ("content_type", "action"), _cases(CONTROL_CASES, _control_skip)
)
def test_central_admin_may(client, db, world, content_type, action):
    """The positive control: the same request works for a user allowed to."""
    page = _target(world, content_type, action)
    client.force_login(world.central_admin)
    before = db_state()

    if action.control == RENDERS:
        response = _request(client, world, content_type, action, page)
        assert response.status_code == 200
        assert page.title in response.content.decode()
        return
    if action.control == OFFERS_DRAFT:
        response = _request(client, world, content_type, action, page)
        assert response.status_code == 200
        assert DRAFT in response.content.decode()
        return
    response = _request(client, world, content_type, action, page)

    _assert_control(response, before, action.control)


@pytest.mark.parametrize(
    "action", [pytest.param(action, id=action.name) for action in TRANSLATION_ACTIONS]
)
def test_editor_of_a_may_on_own_translation(client, db, world, action):
    """The translation rows on A's own page (an intervention, else the first
    type a row applies to): its editor translates it, opens, edits, syncs,
    stops and converts its translation."""
    content_type = next(t for t in world.pages_a if action.applies(t))
    page = Page.objects.get(pk=world.pages_a[content_type].pk).specific
    page = action.prepare(world, page) if action.prepare else page
    client.force_login(world.editor_a)
    before = db_state()

    response = _request(client, world, content_type, action, page)

    _assert_control(response, before, action.control)


def _assert_control(response, before, control, state=db_state):
    if control == "changes":
        assert response.status_code < 400, response.status_code
        assert state() != before
    else:
        assert response.status_code == control, response.status_code


def _snippet_request(client, world, snippet_type, action):
    obj = world.snippets_b[snippet_type]
    url = action.url(snippet_type, obj)
    if action.method == "get":
        return client.get(url)
    data = action.data(world, snippet_type, obj) if action.data else {}
    return client.post(url, data)


@pytest.mark.parametrize(
    ("snippet_type", "action"), _cases(SNIPPET_CASES, _xfail_known(KNOWN_SNIPPET_HOLES))
)
def test_editor_of_a_is_refused_on_bs_snippet(client, db, world, snippet_type, action):
    client.force_login(world.editor_a)
    before = db_state()

    response = _snippet_request(client, world, snippet_type, action)

    body = response.content.decode()
    assert DRAFT not in body
    obj = world.snippets_b[snippet_type]
    assert not [url for url in snippet_row_urls(snippet_type, obj) if url in body]
    expected = action.refused | ({200} if action.kind == "listing" else set())
    assert response.status_code in expected, response.status_code
    assert db_state() == before


@pytest.mark.parametrize(
    ("snippet_type", "action"), _cases(SNIPPET_CASES, _control_skip)
)
def test_central_admin_may_on_snippet(client, db, world, snippet_type, action):
    client.force_login(world.central_admin)
    before = db_state()

    response = _snippet_request(client, world, snippet_type, action)

    if action.control == LISTS_B:
        assert response.status_code == 200
        body = response.content.decode()
        obj = world.snippets_b[snippet_type]
        row_urls = snippet_row_urls(snippet_type, obj)
        assert DRAFT in body or [url for url in row_urls if url in body]
    else:
        _assert_control(response, before, action.control)


def _media_request(client, world, action):
    url = action.url(world)
    if action.method == "get":
        return client.get(url)
    return client.post(url, action.data(world) if action.data else {})


MEDIA_CASES = [pytest.param(action, id=action.name) for action in MEDIA_ACTIONS]


@pytest.mark.parametrize("action", MEDIA_CASES)
def test_editor_of_a_is_refused_on_bs_media(client, db, world, action):
    client.force_login(world.editor_a)
    before = media_state()

    response = _media_request(client, world, action)

    assert DRAFT not in response.content.decode()
    expected = action.refused | ({200} if action.kind == "listing" else set())
    assert response.status_code in expected, response.status_code
    assert media_state() == before


@pytest.mark.parametrize("action", MEDIA_CASES)
def test_central_admin_may_on_media(client, db, world, action):
    """The control (for collections, a superuser's: nobody else manages them)."""
    client.force_login(getattr(world, action.controller))
    before = media_state()

    response = _media_request(client, world, action)

    if action.kind == "listing":
        assert response.status_code == 200
        assert DRAFT in response.content.decode()
    else:
        _assert_control(response, before, action.control, state=media_state)
