"""cms.content.previews: Wagtail's preview views render the page's public template
(the field list where there is none) and show the version asked for,
cleaned, to those allowed to see it."""

import pytest

from django.urls import reverse

from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from cms.content.previews import preview_fields
from tests.factories import (
    InterventionPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    ProjectPageFactory,
    editor_of,
    publish,
)

pytestmark = pytest.mark.django_db

FACTORIES = {
    "intervention": InterventionPageFactory,
    "news": NewsPageFactory,
    "meeting": MeetingPageFactory,
    "project": ProjectPageFactory,
}


@pytest.fixture
def drafted(org_a):
    """A's live intervention with a newer, unpublished version."""
    page = publish(InterventionPageFactory(parent=org_a, title="Publicerad"))
    page.title = "Nytt utkast"
    page.description = (
        '<p>Ny text<script>alert(1)</script> <a href="javascript:x">l</a></p>'
    )
    revision = page.save_revision()
    return page, revision


def test_view_draft_shows_the_draft_cleaned(client, editor_a, drafted):
    page, _ = drafted
    client.force_login(editor_a)

    response = client.get(reverse("wagtailadmin_pages:view_draft", args=(page.pk,)))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Nytt utkast" in body and "Ny text" in body
    assert "<script>alert" not in body and "javascript:" not in body
    # The public template, with a notice in Swedish, like the admin.
    assert "Vem kan delta?" in body and "Förhandsgranskning" in body


def test_without_a_public_template_the_fields_are_listed(rf, drafted):
    from cms.content.previews import PREVIEW_TEMPLATE

    page, _ = drafted
    request = rf.get("/")
    assert page.get_preview_template(request, "") == page.get_template(request)
    page.template = "samverkan_cms/no_such_template.html"
    assert page.get_preview_template(request, "") == PREVIEW_TEMPLATE
    assert any(field["label"] == "Sammanfattning" for field in preview_fields(page))


def test_a_revision_shows_that_version(client, editor_a, drafted):
    page, _ = drafted
    first = page.revisions.order_by("pk").first()
    client.force_login(editor_a)

    url = reverse("wagtailadmin_pages:revisions_view", args=(page.pk, first.pk))
    body = client.get(url).content.decode()

    assert "Publicerad" in body and "Nytt utkast" not in body


def test_the_workflow_reviewer_can_preview_the_task(client, org_a, editor_a, drafted):
    page, _ = drafted
    workflow = Workflow.objects.create(name="Granskning")
    task = GroupApprovalTask.objects.create(name="Granska")
    task.groups.add(editor_a.groups.first())
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=org_a)
    workflow.start(page, editor_a)
    client.force_login(editor_a)

    url = reverse("wagtailadmin_pages:workflow_preview", args=(page.pk, task.pk))
    response = client.get(url)

    assert response.status_code == 200
    assert "Nytt utkast" in response.content.decode()


def test_another_organisations_editor_sees_no_draft(client, org_b, drafted):
    page, _ = drafted
    client.force_login(editor_of(org_b, username="editor_b"))

    response = client.get(reverse("wagtailadmin_pages:view_draft", args=(page.pk,)))

    assert response.status_code in (302, 403, 404)
    assert "Nytt utkast" not in response.content.decode()


@pytest.mark.parametrize("kind", list(FACTORIES))
def test_every_content_type_previews(client, org_a, editor_a, kind):
    page = publish(FACTORIES[kind](parent=org_a, title=f"Förhandsvisad {kind}"))
    client.force_login(editor_a)

    response = client.get(reverse("wagtailadmin_pages:view_draft", args=(page.pk,)))

    assert response.status_code == 200
    assert f"Förhandsvisad {kind}" in response.content.decode()
