from django.apps import apps
from django.core.management import call_command

from wagtail.models import Page, Revision, Site

from cms.models import (
    CollaborationGroup,
    GroupMembership,
    OrganisationPage,
    Person,
    RegionPage,
)
from cms.selectors import organisations_current_members


def database_fingerprint() -> dict:
    counts = {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"samverkan_cms", "wagtailcore", "auth"}
    }
    counts["page_revisions"] = sorted(
        Page.objects.values_list("pk", "latest_revision_id", "title")
    )
    counts["revisions"] = Revision.objects.count()
    counts["people"] = sorted(Person.objects.values_list("pk", "name", "updated_at"))
    return counts


def test_seed_demo_is_idempotent(db):
    call_command("seed_demo", verbosity=0)
    first = database_fingerprint()
    call_command("seed_demo", verbosity=0)
    assert database_fingerprint() == first


def test_seed_demo_builds_the_sodertorn_collaboration(db):
    call_command("seed_demo", verbosity=0)
    region = RegionPage.objects.get(slug="sodertorn")
    assert Site.objects.get(is_default_site=True).root_page_id == region.pk
    members = set(
        organisations_current_members(region=region).values_list("slug", flat=True)
    )
    for slug in (
        "botkyrka",
        "haninge",
        "huddinge",
        "nacka",
        "nynashamn",
        "salem",
        "tyreso",
        "varmdo",
    ):
        assert slug in members
    assert "nykvarn" not in members  # never a member
    assert "sodertalje" not in members  # membership ended
    assert OrganisationPage.objects.filter(kind="authority_office").count() >= 3
    assert set(CollaborationGroup.objects.values_list("kind", flat=True)) >= {
        "steering",
        "preparatory",
        "working",
    }
    assert GroupMembership.objects.count() >= 20
    for organisation in OrganisationPage.objects.all():
        assert organisation.editors_group is not None
        assert organisation.live
