"""The review loop in one click: "Still correct" per row of "My reviews
due" on the dashboard, "My interventions" in the menu with overdue rows
marked, publishing returns to the listing, and one rule on whose entries a
person may record as reviewed, the same in the form, the bulk action and
the dashboard."""

import datetime

import pytest

from django.urls import reverse
from django.utils import timezone

from cms.models import InterventionPage, ReviewEvent
from tests.cms.scoping.permission_matrix import intervention_form
from tests.factories import InterventionPageFactory, PersonFactory, editor_of, publish


def _due(page, days_ago):
    InterventionPage.objects.filter(pk=page.pk).update(
        next_review_due=timezone.localdate() - datetime.timedelta(days=days_ago)
    )
    page.refresh_from_db()
    return page


@pytest.fixture
def mine(org_a, owner_a):
    return _due(
        publish(
            InterventionPageFactory(
                parent=org_a, title="SFI Tumba", responsible_owner=owner_a
            )
        ),
        days_ago=60,
    )


@pytest.fixture
def colleagues(org_a):
    owner = PersonFactory(organisation=org_a, user=editor_of(org_a), name="Kollega")
    return _due(
        publish(
            InterventionPageFactory(
                parent=org_a, title="Jobbspår", responsible_owner=owner
            )
        ),
        days_ago=3,
    )


def _confirm(client, page):
    return client.post(
        reverse("samverkan_review_confirm", args=(page.pk,)), {"next": "/admin/"}
    )


def test_still_correct_from_the_dashboard(client, editor_a, mine):
    client.force_login(editor_a)
    dashboard = client.get("/admin/").content.decode()
    assert "Stämmer fortfarande" in dashboard
    assert reverse("samverkan_review_confirm", args=(mine.pk,)) in dashboard
    assert "csrfmiddlewaretoken" in dashboard

    response = _confirm(client, mine)

    assert response.status_code == 302 and response["Location"] == "/admin/"
    mine.refresh_from_db()
    assert mine.next_review_due > timezone.localdate()
    assert ReviewEvent.objects.filter(intervention=mine).count() == 1
    after = client.get("/admin/").content.decode()
    assert "SFI Tumba" not in after.split("my-reviews-heading")[1]


def test_one_rule_for_the_colleagues_entry(client, editor_a, central_admin, colleagues):
    client.force_login(editor_a)
    _confirm(client, colleagues)  # refused: Wagtail redirects with a message
    assert not ReviewEvent.objects.filter(intervention=colleagues).exists()
    edit = reverse("wagtailadmin_pages:edit", args=(colleagues.pk,))
    form = {
        "title": colleagues.title,
        "slug": colleagues.slug,
        **intervention_form(colleagues),
        "confirm_reviewed": "on",
        "action-publish": "1",
    }
    refused = client.post(edit, form)
    assert refused.status_code == 200
    assert "confirm_reviewed" in refused.context["form"].errors
    bulk = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "mark_reviewed"))
    client.post(f"{bulk}?id={colleagues.pk}", {})
    assert not ReviewEvent.objects.filter(intervention=colleagues).exists()

    client.force_login(central_admin)
    assert _confirm(client, colleagues).status_code == 302
    assert ReviewEvent.objects.filter(intervention=colleagues).count() == 1


def test_my_interventions_with_overdue_rows_marked(
    client, editor_a, owner_a, mine, colleagues
):
    client.force_login(editor_a)
    dashboard = client.get("/admin/").content.decode()
    url = f"/admin/interventions/?responsible_owner={owner_a.pk}"
    assert url in dashboard and "Mina insatser" in dashboard

    listing = client.get(url).content.decode()

    assert "SFI Tumba" in listing and "Jobbspår" not in listing
    assert 'data-review-state="overdue"' in listing
    assert "Försenad" in listing


def test_publishing_returns_to_the_listing(client, editor_a, mine):
    client.force_login(editor_a)
    edit = reverse("wagtailadmin_pages:edit", args=(mine.pk,))
    form = {"title": "SFI Tumba", "slug": mine.slug, **intervention_form(mine)}

    published = client.post(edit, {**form, "action-publish": "1"})
    with_next = client.post(f"{edit}?next=/admin/", {**form, "action-publish": "1"})
    draft = client.post(edit, form)

    assert published["Location"] == reverse("interventions:index")
    assert with_next["Location"] == "/admin/"
    assert draft["Location"] == edit
