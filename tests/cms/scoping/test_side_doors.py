"""cms.scoping.side_doors: Wagtail's page chooser, copy form and workflow
cancellation dialog tell an editor nothing of another organisation's
unpublished work, and still work for those who may edit the page."""

import pytest

from django.urls import reverse

from wagtail.models import Page

from tests.factories import (
    InterventionPageFactory,
    OrganisationPageFactory,
    ProjectPageFactory,
    editor_of,
    publish,
)

pytestmark = [pytest.mark.django_db, pytest.mark.search_index]


@pytest.fixture
def b_page(org_b):
    """B's live intervention with an unpublished new title."""
    page = publish(InterventionPageFactory(parent=org_b, title="Språkcafé"))
    page.title = "Språkcafé HEMLIG"
    page.save_revision()
    return page


def _chooser(client, parent):
    return client.get(reverse("wagtailadmin_choose_page_child", args=(parent.pk,)))


def _chooser_html(client, parent) -> str:
    response = _chooser(client, parent)
    assert response.status_code == 200
    return response.json()["html"]


def test_chooser_shows_others_live_pages_by_their_published_title(
    client, editor_a, org_b, b_page
):
    client.force_login(editor_a)
    body = _chooser_html(client, org_b)
    assert "Språkcafé" in body
    assert "HEMLIG" not in body


def test_the_owner_still_sees_the_draft_title(client, org_b, b_page):
    client.force_login(editor_of(org_b, username="editor_b"))
    assert "Språkcafé HEMLIG" in _chooser_html(client, org_b)


def test_chooser_at_a_page_never_published_is_not_found(
    client, region, editor_a, central_admin
):
    secret = OrganisationPageFactory(parent=region, title="Ny HEMLIG", live=False)
    client.force_login(editor_a)
    response = _chooser(client, secret)
    assert response.status_code == 404
    assert "HEMLIG" not in response.content.decode()
    client.force_login(central_admin)
    assert _chooser(client, secret).status_code == 200


def test_chooser_by_type_starts_at_the_root_when_the_types_sit_in_hiding(
    client, region, editor_a
):
    """Wagtail opens a chooser for a page type at the pages' closest common
    ancestor: here B's never-published organisation."""
    secret = OrganisationPageFactory(parent=region, title="Ny HEMLIG", live=False)
    ProjectPageFactory(parent=secret, title="Projekt HEMLIG", live=False)
    client.force_login(editor_a)
    response = client.get(
        reverse("wagtailadmin_choose_page"),
        {"page_type": "samverkan_cms.projectpage"},
    )
    assert response.status_code == 200
    assert response.json()["parent_page_id"] == Page.get_first_root_node().pk
    assert "HEMLIG" not in response.content.decode()


def test_chooser_search_shows_parents_by_their_published_title(client, editor_a, org_b):
    publish(org_b)
    org_b.title = "Haninge HEMLIG"
    org_b.save_revision()
    publish(InterventionPageFactory(parent=org_b, title="Sökbar insats"))
    client.force_login(editor_a)
    response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Sökbar"})
    body = response.content.decode()
    assert "Sökbar insats" in body
    assert "HEMLIG" not in body


def test_copy_form_names_a_refused_destination_by_its_published_title(
    client, org_a, org_b, editor_a
):
    publish(org_b)
    org_b.title = "Haninge HEMLIG"
    org_b.save_revision()
    own = publish(InterventionPageFactory(parent=org_a))
    client.force_login(editor_a)
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=(own.pk,)),
        {"new_title": "Kopia", "new_slug": "kopia", "new_parent_page": org_b.pk},
    )
    body = response.content.decode()
    assert response.status_code == 200  # the form again, with the error
    assert "Haninge kommun" in body
    assert "HEMLIG" not in body


def test_copy_within_ones_own_organisation_still_works(client, org_a, editor_a):
    own = publish(InterventionPageFactory(parent=org_a))
    client.force_login(editor_a)
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=(own.pk,)),
        {"new_title": "Kopia", "new_slug": "kopia", "new_parent_page": org_a.pk},
    )
    assert response.status_code == 302
    assert org_a.get_children().filter(slug="kopia").exists()


def test_workflow_cancellation_dialog_only_for_those_who_may_edit(
    client, org_b, b_page, editor_a
):
    url = reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=(b_page.pk,))
    client.force_login(editor_a)
    assert client.get(url).status_code in (302, 403)  # Wagtail's refusal
    client.force_login(editor_of(org_b, username="editor_b"))
    assert client.get(url).status_code == 200


def _with_new_title(page, title):
    """Publish the page, then save an unpublished revision retitling it."""
    page = publish(page)
    page.title = title
    page.save_revision()
    return page


def test_chooser_breadcrumbs_name_others_pages_by_their_published_title(
    client, region, org_a, org_b, central_admin
):
    _with_new_title(org_b, "Haninge HEMLIG")
    live = publish(InterventionPageFactory(parent=org_b, title="Språkcafé"))
    # An editor of two organisations explores from the region, so the
    # chooser's breadcrumbs at B's page pass through B's organisation.
    org_c = publish(OrganisationPageFactory(parent=region, title="Nynäshamn"))
    two_organisations = editor_of(org_a, username="editor_ac")
    two_organisations.groups.add(org_c.editors_group)
    client.force_login(two_organisations)
    body = _chooser_html(client, live)
    assert (
        'href="' + reverse("wagtailadmin_choose_page_child", args=(org_b.pk,)) in body
    )
    assert "Haninge kommun" in body
    assert "HEMLIG" not in body
    client.force_login(central_admin)  # may edit B's page: Wagtail's titles
    assert "Haninge HEMLIG" in _chooser_html(client, live)


def _chosen(client, *pages):
    url = reverse("wagtailadmin_choose_page_chosen_multiple")
    response = client.get(url, {"id": [page.pk for page in pages]})
    assert response.status_code == 200
    return {row["id"]: row["adminTitle"] for row in response.json()["result"]}


def test_chosen_pages_are_those_the_user_may_see_by_the_title_they_may_see(
    client, org_a, org_b, editor_a, b_page
):
    own = _with_new_title(InterventionPageFactory(parent=org_a), "Eget utkast")
    never_published = InterventionPageFactory(
        parent=org_b, title="Aldrig HEMLIG", live=False
    )
    client.force_login(editor_a)
    chosen = _chosen(client, own, b_page, never_published)
    assert chosen == {own.pk: "Eget utkast", b_page.pk: "Språkcafé"}
    client.force_login(editor_of(org_b, username="editor_b"))
    chosen = _chosen(client, b_page, never_published)
    assert chosen == {
        b_page.pk: "Språkcafé HEMLIG",
        never_published.pk: "Aldrig HEMLIG",
    }
