"""Organisation-scoped editing of news, meetings and projects: the editor's
own rights. That an editor of organisation A can neither change B's pages
nor create pages under B is the permission matrix
(tests/cms/scoping/test_permission_matrix.py)."""

import pytest

from django.urls import reverse

from wagtail.models import Page

from cms.models import MeetingPage, NewsPage, ProjectPage
from tests.factories import (
    CollaborationGroupFactory,
    GroupMembershipFactory,
    MeetingPageFactory,
    NewsPageFactory,
    PersonFactory,
    ProjectPageFactory,
    publish,
)

TYPES = ("newspage", "meetingpage", "projectpage")
FACTORIES = {
    "newspage": NewsPageFactory,
    "meetingpage": MeetingPageFactory,
    "projectpage": ProjectPageFactory,
}
MODELS = {"newspage": NewsPage, "meetingpage": MeetingPage, "projectpage": ProjectPage}


@pytest.fixture
def client_a(client, editor_a):
    client.force_login(editor_a)
    return client


@pytest.fixture
def group(region, org_a):
    """A group of the region in which A takes part."""
    group = CollaborationGroupFactory(region=region, name="Beredningsgruppen")
    GroupMembershipFactory(group=group, person=PersonFactory(organisation=org_a))
    return group


def form_data(model_name: str, **extra) -> dict:
    """A valid admin form for a new page of the type."""
    data = {"title": "Sida", "slug": "sida"}
    if model_name == "newspage":
        data.update(
            {"date": "2026-03-02", "lead": "Ingress.", "body-count": "0", "tags": ""}
        )
    elif model_name == "meetingpage":
        data.update(
            {
                "starts_at": "2030-01-15 13:30",
                "ends_at": "2030-01-15 15:00",
                "status": "planned",
                "place": "Kommunhuset",
            }
        )
    else:
        data.update(
            {
                "funder": "state_grant",
                "decision_date": "2026-08-31",
                "period_start": "2026-09-01",
                "period_end": "2027-12-31",
                "deadlines-TOTAL_FORMS": "0",
                "deadlines-INITIAL_FORMS": "0",
                "deadlines-MIN_NUM_FORMS": "0",
                "deadlines-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(extra)
    return data


def page_of(model_name, parent, group):
    extra = {"group": group} if model_name == "meetingpage" else {}
    return publish(FACTORIES[model_name](parent=parent, title="Haninges", **extra))


@pytest.mark.parametrize("model_name", TYPES)
def test_editor_creates_and_publishes_in_own_organisation(
    model_name, client_a, org_a, group
):
    url = reverse(
        "wagtailadmin_pages:add", args=("samverkan_cms", model_name, org_a.pk)
    )
    data = form_data(model_name, slug="egen", **{"action-publish": "1"})
    if model_name == "meetingpage":
        data["group"] = group.pk
    response = client_a.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    page = MODELS[model_name].objects.get(slug="egen")
    assert page.live and page.get_parent().pk == org_a.pk


@pytest.mark.parametrize("model_name", TYPES)
def test_editor_edits_own_content(model_name, client_a, org_a, group):
    page = page_of(model_name, org_a, group)
    data = form_data(model_name, title="Ändrad", slug=page.slug)
    if model_name == "meetingpage":
        data["group"] = group.pk
    response = client_a.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        {**data, "action-publish": "1"},
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Page.objects.get(pk=page.pk).title == "Ändrad"


@pytest.mark.parametrize("model_name", TYPES)
def test_central_admin_edits_every_organisations_content(
    model_name, client, central_admin, org_b, group
):
    page = page_of(model_name, org_b, group)
    client.force_login(central_admin)
    data = form_data(model_name, title="Av strategen", slug=page.slug)
    if model_name == "meetingpage":
        data["group"] = group.pk
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        {**data, "action-publish": "1"},
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Page.objects.get(pk=page.pk).title == "Av strategen"


@pytest.mark.parametrize("model_name", TYPES)
def test_content_lives_only_under_organisations(model_name, region):
    model = MODELS[model_name]
    assert model.can_create_at(region) is False
    assert model.parent_page_types == ["samverkan_cms.OrganisationPage"]


@pytest.mark.parametrize("model_name", TYPES)
def test_add_and_edit_forms_open_for_own_organisation(
    model_name, client_a, org_a, group
):
    page = page_of(model_name, org_a, group)
    add = reverse(
        "wagtailadmin_pages:add", args=("samverkan_cms", model_name, org_a.pk)
    )
    assert client_a.get(add).status_code == 200
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert client_a.get(edit).status_code == 200


@pytest.mark.parametrize(
    ("model_name", "field"),
    [("newspage", "related_organisations"), ("projectpage", "partners")],
)
def test_only_the_regions_organisations_are_offered(
    model_name, field, client_a, org_a, org_b
):
    from tests.factories import OrganisationPageFactory

    elsewhere = OrganisationPageFactory(title="Annan region kommun")
    url = reverse(
        "wagtailadmin_pages:add", args=("samverkan_cms", model_name, org_a.pk)
    )
    choices = client_a.get(url).context["form"].fields[field].queryset
    assert {org_a, org_b} <= set(choices)
    assert elsewhere not in choices
