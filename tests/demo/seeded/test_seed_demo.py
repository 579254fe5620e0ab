"""seed_demo: the demo data it builds (seeded once for the package, see
conftest.py)."""

import datetime

from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Page, Revision, Site

from cms import selectors
from cms.models import (
    CollaborationGroup,
    GroupMembership,
    InterventionCategory,
    InterventionPage,
    InterventionStatus,
    MeetingPage,
    MeetingStatus,
    NewsPage,
    OrganisationPage,
    Person,
    ProjectPage,
    RegionPage,
)
from cms.reviews.dates import ReviewState, review_state_filter
from cms.selectors import organisations_current_members
from demo.interventions import INTERVENTIONS
from demo.sodertorn import PEOPLE

MUNICIPALITIES = (
    "botkyrka",
    "haninge",
    "huddinge",
    "nacka",
    "nynashamn",
    "salem",
    "tyreso",
    "varmdo",
)


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
    counts["interventions"] = sorted(
        InterventionPage.objects.values_list(
            "pk", "first_published_at", "last_reviewed_at", "next_review_due"
        )
    )
    return counts


def test_seed_demo_is_idempotent(demo, db):
    first = database_fingerprint()
    call_command("seed_demo", verbosity=0)
    assert database_fingerprint() == first


def test_seed_demo_builds_the_sodertorn_collaboration(demo, db):
    region = RegionPage.objects.get(slug="sodertorn")
    assert Site.objects.get(is_default_site=True).root_page_id == region.pk
    members = set(
        organisations_current_members(region=region).values_list("slug", flat=True)
    )
    for slug in MUNICIPALITIES:
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


def test_demo_interventions_name_people_of_their_own_organisation():
    works_at = {local_part: org for org, _name, _title, local_part in PEOPLE}
    ids = [entry["external_id"] for entry in INTERVENTIONS]
    assert len(ids) == len(set(ids))
    for entry in INTERVENTIONS:
        assert entry["external_id"].startswith(f"demo-{entry['org']}-")
        assert len(entry["summary"]) <= 300
        for role in ("responsible_owner", "contact_person"):
            if entry.get(role):
                assert works_at[entry[role]] == entry["org"], entry["external_id"]
        assert entry.get("contact_email", "@x.example.se").endswith(".example.se")


def test_seed_demo_fills_the_intervention_bank(demo, db):
    interventions = InterventionPage.objects.live()
    assert interventions.count() >= 55

    used = set(interventions.values_list("category__slug", flat=True))
    assert used == set(InterventionCategory.objects.values_list("slug", flat=True))

    owners = {page.get_parent().slug for page in interventions}
    assert set(MUNICIPALITIES) <= owners
    assert owners & {"af-haninge", "af-huddinge", "af-botkyrka"}

    today = timezone.localdate()
    assert interventions.filter(next_review_due__lt=today).count() >= 5
    current = interventions.filter(**review_state_filter(ReviewState.CURRENT))
    assert current.count() >= 5
    assert interventions.filter(**review_state_filter(ReviewState.DUE_SOON)).exists()
    assert not interventions.filter(next_review_due__isnull=True).exists()

    scores = list(interventions.values_list("completeness", flat=True))
    assert min(scores) < 50
    assert max(scores) == 100

    active = interventions.filter(status=InterventionStatus.ACTIVE)
    assert active.count() >= 40
    for page in active:
        page.full_clean()
        for child in (*page.locations.all(), *page.opening_times.all()):
            child.full_clean(exclude=["page"])


def test_seed_demo_adds_news_meetings_and_projects(demo, db):
    region = RegionPage.objects.get(slug="sodertorn")
    today = timezone.localdate()

    news = selectors.news_published(region=region)
    assert 18 <= news.count() <= 25
    dates = list(news.values_list("date", flat=True))
    assert min(dates) >= today - datetime.timedelta(days=366)
    assert NewsPage.objects.filter(tags__name="språk").exists()

    upcoming = selectors.meetings_upcoming(region=region)
    assert upcoming.count() >= 8
    assert max(m.starts_at for m in upcoming).date() <= today + datetime.timedelta(
        days=186
    )
    assert upcoming.filter(status=MeetingStatus.CANCELLED).exists()
    past = list(selectors.meetings_past(region=region))
    with_minutes = [m for m in past if selectors.meeting_published_minutes(m)]
    assert len(with_minutes) >= 5
    assert any(m.minutes_text and not m.minutes_are_public for m in past)
    for meeting in MeetingPage.objects.all():
        meeting.full_clean()

    projects = ProjectPage.objects.live()
    assert projects.count() >= 4
    for project in projects:
        assert project.deadlines.exists()
        assert all(d.responsible_id for d in project.deadlines.all())


def test_seed_demo_adds_seeks_and_agreements(demo, db):
    """Köp, byt och sälj in the demo: Botkyrka's published seek finds
    offers, Nacka's draft reaches nobody else, and the agreements run in
    this quarter's report."""
    from cms.exchange.selectors import offers_matching
    from cms.models import ExchangeAgreement, PlaceSeek
    from cms.reviews.report import quarter_of, review_report

    botkyrka = PlaceSeek.objects.get(organisation__slug="botkyrka")
    assert botkyrka.status == "open"
    assert offers_matching(seek=botkyrka).exists()
    assert PlaceSeek.objects.get(organisation__slug="nacka").status == "draft"
    assert ExchangeAgreement.objects.count() == 2
    report = review_report(quarter=quarter_of(timezone.localdate()))
    assert report.totals.agreements_taken == 2
    assert report.totals.places_taken == 12
