"""The intervention bank in the admin: organisation scoping, the open
listing with its filters, and the bulk review action. Refusals of B's
interventions to A are in the permission matrix
(tests/cms/scoping/test_permission_matrix.py)."""

import datetime

import pytest

from django.urls import reverse
from django.utils import timezone

from cms.models import InterventionCategory, InterventionPage
from tests.cms.scoping.permission_matrix import intervention_form
from tests.factories import (
    InterventionPageFactory,
    PersonFactory,
    editor_of,
    publish,
    translation_of,
)

LISTING = "interventions:index"


@pytest.fixture
def intervention_a(org_a, editor_a):
    owner = PersonFactory(organisation=org_a, user=editor_a, name="Elin Ägare")
    return publish(
        InterventionPageFactory(
            parent=org_a, title="SFI Tumba", responsible_owner=owner
        )
    )


@pytest.fixture
def intervention_b(org_b):
    return publish(InterventionPageFactory(parent=org_b, title="Språkcafé Haninge"))


@pytest.fixture
def client_a(client, editor_a):
    client.force_login(editor_a)
    return client


def form_data(page, **extra):
    return {"title": page.title, "slug": page.slug, **intervention_form(page), **extra}


def test_editor_creates_and_publishes_in_own_organisation(
    client_a, org_a, intervention_a
):
    url = reverse(
        "wagtailadmin_pages:add", args=("samverkan_cms", "interventionpage", org_a.pk)
    )
    data = form_data(
        intervention_a, title="Ny insats", slug="ny-insats", **{"action-publish": "1"}
    )
    response = client_a.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    page = InterventionPage.objects.get(slug="ny-insats")
    assert page.live and page.get_parent().pk == org_a.pk


def test_owner_choices_are_limited_to_own_organisation(
    client_a, org_a, org_b, intervention_a
):
    outsider = PersonFactory(organisation=org_b)
    url = reverse("wagtailadmin_pages:edit", args=(intervention_a.pk,))
    response = client_a.post(
        url, form_data(intervention_a, responsible_owner=outsider.pk)
    )
    assert response.status_code == 200
    assert "responsible_owner" in response.context["form"].errors


@pytest.mark.usefixtures("arabic_configured")
def test_a_translation_keeps_its_owner_and_areas_when_saved(
    client_a, org_a, intervention_a
):
    """A translation's owner, contact and areas are the Swedish
    organisation's people and municipalities: its form offers those, so it
    can be previewed and saved as it is."""
    intervention_a.service_area.add(org_a)
    publish(intervention_a)
    translated = translation_of(intervention_a, "ar", title="SFI تومبا")
    url = reverse("wagtailadmin_pages:edit", args=(translated.pk,))

    response = client_a.post(
        url,
        form_data(translated, service_area=[org_a.pk], **{"action-publish": "1"}),
    )

    assert response.status_code == 302, response.context["form"].errors
    translated.refresh_from_db()
    assert translated.responsible_owner_id == intervention_a.responsible_owner_id
    assert list(translated.service_area.all()) == [org_a]


def test_confirming_review_on_save(client_a, intervention_a):
    url = reverse("wagtailadmin_pages:edit", args=(intervention_a.pk,))
    data = form_data(intervention_a, confirm_reviewed="on", **{"action-publish": "1"})
    response = client_a.post(url, data)
    assert response.status_code == 302
    intervention_a.refresh_from_db()
    assert intervention_a.last_reviewed_at is not None
    assert timezone.now() - intervention_a.last_reviewed_at < datetime.timedelta(
        minutes=1
    )


def test_plain_edit_is_not_a_review(client_a, intervention_a):
    url = reverse("wagtailadmin_pages:edit", args=(intervention_a.pk,))
    client_a.post(
        url, form_data(intervention_a, title="Ändrad", **{"action-publish": "1"})
    )
    intervention_a.refresh_from_db()
    assert intervention_a.title == "Ändrad"
    assert intervention_a.last_reviewed_at is None


class TestListing:
    def test_the_bank_is_open_but_editing_is_scoped(
        self, client_a, intervention_a, intervention_b
    ):
        response = client_a.get(reverse(LISTING))
        assert response.status_code == 200
        html = response.content.decode()
        assert "SFI Tumba" in html and "Språkcafé Haninge" in html
        assert "Elin Ägare" in html  # the responsible owner column
        assert f">{intervention_a.category.name}<" in html.replace(" ", "").replace(
            "\n", ""
        )
        assert reverse("wagtailadmin_pages:edit", args=(intervention_a.pk,)) in html
        assert reverse("wagtailadmin_pages:edit", args=(intervention_b.pk,)) not in html

    def test_drafts_of_others_are_not_listed(self, client_a, org_b):
        InterventionPageFactory(parent=org_b, title="Hemligt utkast", live=False)
        html = client_a.get(reverse(LISTING)).content.decode()
        assert "Hemligt utkast" not in html

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("organisation={org_b}", {"Språkcafé Haninge"}),
            ("category={category}", {"Språkcafé Haninge"}),
            ("status=ended", {"Avslutad insats"}),
            ("responsible_owner={owner}", {"SFI Tumba"}),
            ("review_state=due", {"Försenad granskning"}),
            ("review_state=overdue", {"Länge försenad granskning"}),
            ("review_state=current", {"SFI Tumba", "Avslutad insats"}),
        ],
    )
    def test_filters(
        self, client_a, org_a, org_b, intervention_a, intervention_b, query, expected
    ):
        cafe = InterventionCategory.objects.get(slug="sprak-och-motesplatser")
        InterventionPage.objects.filter(pk=intervention_b.pk).update(category=cafe)
        ended = publish(
            InterventionPageFactory(
                parent=org_a, title="Avslutad insats", status="ended"
            )
        )
        late = publish(
            InterventionPageFactory(parent=org_a, title="Försenad granskning")
        )
        InterventionPage.objects.filter(pk=late.pk).update(
            next_review_due=timezone.localdate() - datetime.timedelta(days=3)
        )
        very_late = publish(
            InterventionPageFactory(parent=org_a, title="Länge försenad granskning")
        )
        InterventionPage.objects.filter(pk=very_late.pk).update(
            next_review_due=timezone.localdate() - datetime.timedelta(days=30)
        )
        InterventionPage.objects.filter(pk=intervention_b.pk).update(
            next_review_due=timezone.localdate() + datetime.timedelta(days=5)
        )
        query = query.format(
            org_b=org_b.pk, category=cafe.pk, owner=intervention_a.responsible_owner_id
        )
        response = client_a.get(reverse("interventions:index_results") + "?" + query)
        assert response.status_code == 200
        titles = {page.title for page in response.context["object_list"]}
        assert titles == expected
        assert ended.pk  # built for the status filter

    def test_query_count_does_not_grow_with_rows(
        self, client_a, org_a, django_assert_max_num_queries
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        publish(InterventionPageFactory(parent=org_a))
        with CaptureQueriesContext(connection) as few:
            client_a.get(reverse("interventions:index_results"))
        for _ in range(10):
            publish(InterventionPageFactory(parent=org_a))
        with CaptureQueriesContext(connection) as many:
            client_a.get(reverse("interventions:index_results"))
        assert len(many) <= len(few)


class TestBulkMarkReviewed:
    def url(self, *pages):
        ids = "&".join(f"id={page.pk}" for page in pages)
        return (
            reverse(
                "wagtail_bulk_action", args=("wagtailcore", "page", "mark_reviewed")
            )
            + "?"
            + ids
        )

    def test_owner_marks_own_entries(self, client_a, intervention_a):
        response = client_a.post(self.url(intervention_a), {})
        assert response.status_code == 302
        intervention_a.refresh_from_db()
        assert intervention_a.last_reviewed_at is not None

    def test_not_others_entries(self, client_a, org_a, intervention_a, intervention_b):
        colleague_owned = publish(InterventionPageFactory(parent=org_a))
        client_a.post(self.url(intervention_a, intervention_b, colleague_owned), {})
        intervention_b.refresh_from_db()
        colleague_owned.refresh_from_db()
        assert intervention_b.last_reviewed_at is None
        assert colleague_owned.last_reviewed_at is None

    def test_central_admin_marks_any(self, client, central_admin, intervention_b):
        client.force_login(central_admin)
        client.post(self.url(intervention_b), {})
        intervention_b.refresh_from_db()
        assert intervention_b.last_reviewed_at is not None

    def test_another_editor_of_same_org_cannot_mark_owners_entry(
        self, client, org_a, intervention_a
    ):
        client.force_login(editor_of(org_a, username="colleague"))
        client.post(self.url(intervention_a), {})
        intervention_a.refresh_from_db()
        assert intervention_a.last_reviewed_at is None
