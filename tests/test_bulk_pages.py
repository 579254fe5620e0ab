"""The benchmarks' bulk insert makes real, consistent pages: a valid tree,
live, and served by the delivery API like published ones."""

from wagtail.models import Page

from cms.models import InterventionCategory, InterventionPage
from tests.bulk_pages import interventions_bulk_insert


def test_bulk_inserted_pages_are_a_valid_tree_and_public(client, org_a, org_b):
    category = InterventionCategory.objects.first()
    rows = [
        (org, InterventionPage(title=f"Insats {n}", category=category))
        for n, org in enumerate([org_a, org_b, org_a])
    ]

    ids = interventions_bulk_insert(rows)

    assert Page.find_problems() == ([], [], [], [], [])
    parents = {p.pk: p.get_parent().pk for p in Page.objects.filter(pk__in=ids)}
    assert [parents[pk] for pk in ids] == [
        org_a.pk,
        org_b.pk,
        org_a.pk,
    ]
    listed = client.get("/api/v1/interventions/").json()["results"]
    assert sorted(item["title"] for item in listed) == [
        "Insats 0",
        "Insats 1",
        "Insats 2",
    ]
