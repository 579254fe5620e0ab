"""An editor of organisation A cannot create, edit, publish, unpublish, move,
copy, delete, lock, restrict, revert or preview organisation B's content in
the admin. Every action is tried for real through the admin views, and the
database must be left unchanged."""

import pytest

from django.urls import reverse

from wagtail.models import Page, PageViewRestriction, Revision

from tests.testapp.models import ArticlePage

DENIED = {302, 403, 404}


def article(parent, title, **kwargs):
    page = parent.add_child(instance=ArticlePage(title=title, body="Text", **kwargs))
    page.save_revision().publish()
    return page


def snapshot(page):
    page = Page.objects.get(pk=page.pk)
    return {
        "title": page.title,
        "live": page.live,
        "path": page.path,
        "locked": page.locked,
        "latest_revision": page.latest_revision_id,
        "restricted": PageViewRestriction.objects.filter(page=page).exists(),
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
    }


@pytest.fixture
def article_a(org_a):
    return article(org_a, "A:s artikel")


@pytest.fixture
def article_b(org_b):
    return article(org_b, "B:s artikel")


@pytest.fixture
def client_a(client, editor_a):
    client.force_login(editor_a)
    return client


def edit_post(page, **extra):
    return {"title": "Kapad", "slug": page.slug, "body": "Kapad", **extra}


def attempts(org_a, org_b, article_a, article_b):
    """(name, target page, method, url, data) for every admin action."""
    revision = article_b.latest_revision
    return [
        (
            "create under B",
            org_b,
            "post",
            reverse(
                "wagtailadmin_pages:add",
                args=("samverkan_testapp", "articlepage", org_b.pk),
            ),
            {"title": "Ny", "slug": "ny", "body": "x", "action-publish": "1"},
        ),
        (
            "add subpage chooser of B",
            org_b,
            "get",
            reverse("wagtailadmin_pages:add_subpage", args=(org_b.pk,)),
            None,
        ),
        (
            "edit B's article",
            article_b,
            "post",
            reverse("wagtailadmin_pages:edit", args=(article_b.pk,)),
            edit_post(article_b),
        ),
        (
            "publish B's article",
            article_b,
            "post",
            reverse("wagtailadmin_pages:edit", args=(article_b.pk,)),
            edit_post(article_b, **{"action-publish": "1"}),
        ),
        (
            "edit B's organisation",
            org_b,
            "post",
            reverse("wagtailadmin_pages:edit", args=(org_b.pk,)),
            {"title": "Kapad", "slug": org_b.slug, "kind": "municipality"},
        ),
        (
            "unpublish B's article",
            article_b,
            "post",
            reverse("wagtailadmin_pages:unpublish", args=(article_b.pk,)),
            {},
        ),
        (
            "delete B's article",
            article_b,
            "post",
            reverse("wagtailadmin_pages:delete", args=(article_b.pk,)),
            {},
        ),
        (
            "move B's article to A",
            article_b,
            "post",
            reverse("wagtailadmin_pages:move_confirm", args=(article_b.pk, org_a.pk)),
            {},
        ),
        (
            "move A's article into B",
            article_a,
            "post",
            reverse("wagtailadmin_pages:move_confirm", args=(article_a.pk, org_b.pk)),
            {},
        ),
        (
            "copy B's article to A",
            article_b,
            "post",
            reverse("wagtailadmin_pages:copy", args=(article_b.pk,)),
            {
                "new_title": "Kopia",
                "new_slug": "kopia",
                "new_parent_page": org_a.pk,
                "copy_subpages": "",
                "publish_copies": "1",
            },
        ),
        (
            "copy A's article into B",
            article_a,
            "post",
            reverse("wagtailadmin_pages:copy", args=(article_a.pk,)),
            {
                "new_title": "Kopia",
                "new_slug": "kopia",
                "new_parent_page": org_b.pk,
                "copy_subpages": "",
                "publish_copies": "1",
            },
        ),
        (
            "lock B's article",
            article_b,
            "post",
            reverse("wagtailadmin_pages:lock", args=(article_b.pk,)),
            {},
        ),
        (
            "restrict B's article",
            article_b,
            "post",
            reverse("wagtailadmin_pages:set_privacy", args=(article_b.pk,)),
            {"restriction_type": "password", "password": "hemligt123"},
        ),
        (
            "reorder B's article",
            article_b,
            "post",
            reverse("wagtailadmin_pages:set_page_position", args=(article_b.pk,))
            + "?position=0",
            {},
        ),
        (
            "revert B's article",
            article_b,
            "post",
            reverse(
                "wagtailadmin_pages:revisions_revert", args=(article_b.pk, revision.pk)
            ),
            edit_post(article_b),
        ),
        (
            "view B's revision",
            article_b,
            "get",
            reverse(
                "wagtailadmin_pages:revisions_view", args=(article_b.pk, revision.pk)
            ),
            None,
        ),
        (
            "history of B's article",
            article_b,
            "get",
            reverse("wagtailadmin_pages:history", args=(article_b.pk,)),
            None,
        ),
        (
            "preview B's article",
            article_b,
            "post",
            reverse("wagtailadmin_pages:preview_on_edit", args=(article_b.pk,)),
            edit_post(article_b),
        ),
        (
            "view B's draft",
            article_b,
            "get",
            reverse("wagtailadmin_pages:view_draft", args=(article_b.pk,)),
            None,
        ),
        (
            "bulk delete B's article",
            article_b,
            "post",
            reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
            + f"?id={article_b.pk}",
            {},
        ),
        (
            "bulk unpublish B's article",
            article_b,
            "post",
            reverse("wagtail_bulk_action", args=("wagtailcore", "page", "unpublish"))
            + f"?id={article_b.pk}",
            {},
        ),
        (
            "bulk move B's article",
            article_b,
            "post",
            reverse("wagtail_bulk_action", args=("wagtailcore", "page", "move"))
            + f"?id={article_b.pk}",
            {"chooser": org_a.pk},
        ),
    ]


FORM_REJECTIONS = {"copy A's article into B"}
ACTION_NAMES = [
    "create under B",
    "add subpage chooser of B",
    "edit B's article",
    "publish B's article",
    "edit B's organisation",
    "unpublish B's article",
    "delete B's article",
    "move B's article to A",
    "move A's article into B",
    "copy B's article to A",
    "copy A's article into B",
    "lock B's article",
    "restrict B's article",
    "reorder B's article",
    "revert B's article",
    "view B's revision",
    "history of B's article",
    "preview B's article",
    "view B's draft",
    "bulk delete B's article",
    "bulk unpublish B's article",
    "bulk move B's article",
]


def test_every_attempt_is_parametrised(org_a, org_b, article_a, article_b):
    assert [a[0] for a in attempts(org_a, org_b, article_a, article_b)] == ACTION_NAMES


@pytest.mark.parametrize("action", ACTION_NAMES)
def test_editor_of_a_cannot_touch_b(
    action, client_a, org_a, org_b, article_a, article_b
):
    name, target, method, url, data = next(
        a for a in attempts(org_a, org_b, article_a, article_b) if a[0] == action
    )
    before = snapshot(target)

    response = (
        getattr(client_a, method)(url, data) if data is not None else client_a.get(url)
    )

    if name in FORM_REJECTIONS:
        # The view itself is A's to use; the form refuses B as destination.
        assert response.status_code == 200, name
        assert response.context["form"].errors, name
    else:
        assert response.status_code in DENIED, (name, response.status_code)
    assert snapshot(target) == before, name


def test_editor_can_do_the_same_in_own_organisation(client_a, org_a, article_a):
    """The positive control: the same views work on A's own content, so the
    denials above are scoping, not broken requests."""
    url = reverse(
        "wagtailadmin_pages:add", args=("samverkan_testapp", "articlepage", org_a.pk)
    )
    response = client_a.post(
        url, {"title": "Ny", "slug": "ny", "body": "x", "action-publish": "1"}
    )
    assert response.status_code == 302
    assert ArticlePage.objects.child_of(org_a).filter(slug="ny", live=True).exists()

    url = reverse("wagtailadmin_pages:edit", args=(article_a.pk,))
    response = client_a.post(url, edit_post(article_a, **{"action-publish": "1"}))
    assert response.status_code == 302
    assert Page.objects.get(pk=article_a.pk).title == "Kapad"

    url = reverse("wagtailadmin_pages:copy", args=(article_a.pk,))
    data = {
        "new_title": "Kopia",
        "new_slug": "kopia",
        "new_parent_page": org_a.pk,
        "copy_subpages": "",
        "publish_copies": "1",
    }
    assert client_a.post(url, data).status_code == 302
    assert ArticlePage.objects.child_of(org_a).filter(slug="kopia").exists()

    url = reverse("wagtailadmin_pages:delete", args=(article_a.pk,))
    assert client_a.post(url, {}).status_code == 302
    assert not Page.objects.filter(pk=article_a.pk).exists()


def test_editor_cannot_delete_move_or_unpublish_own_organisation_page(
    client_a, org_a, org_b
):
    before = snapshot(org_a)
    for url in (
        reverse("wagtailadmin_pages:delete", args=(org_a.pk,)),
        reverse("wagtailadmin_pages:unpublish", args=(org_a.pk,)),
        reverse("wagtailadmin_pages:move_confirm", args=(org_a.pk, org_b.pk)),
        reverse("wagtailadmin_pages:lock", args=(org_a.pk,)),
    ):
        response = client_a.post(url, {})
        assert response.status_code in DENIED, url
    assert snapshot(org_a) == before


def test_editor_cannot_change_own_membership_fields(client_a, org_a):
    url = reverse("wagtailadmin_pages:edit", args=(org_a.pk,))
    response = client_a.post(
        url,
        {
            "title": org_a.title,
            "slug": org_a.slug,
            "kind": "ngo",
            "member_since": "2001-01-01",
            "description": "Ny beskrivning",
            "action-publish": "1",
        },
    )
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.description == "Ny beskrivning"
    assert org_a.kind == "municipality"
    assert org_a.member_since is None


def test_central_admin_edits_every_organisation(
    client, central_admin, org_a, org_b, article_b
):
    client.force_login(central_admin)
    url = reverse("wagtailadmin_pages:edit", args=(article_b.pk,))
    response = client.post(url, edit_post(article_b, **{"action-publish": "1"}))
    assert response.status_code == 302
    assert Page.objects.get(pk=article_b.pk).title == "Kapad"
    url = reverse("wagtailadmin_pages:move_confirm", args=(article_b.pk, org_a.pk))
    assert client.post(url, {}).status_code == 302
    assert Page.objects.get(pk=article_b.pk).get_parent().pk == org_a.pk
