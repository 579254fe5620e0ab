"""factory_boy factories for the test suite."""

import datetime
import zoneinfo

import factory
import wagtail_factories

from django.contrib.auth import get_user_model
from django.utils import timezone

from cms import services
from cms.models import (
    CollaborationGroup,
    GroupKind,
    GroupMembership,
    InterventionCategory,
    InterventionClosure,
    InterventionLocation,
    InterventionOpeningTime,
    InterventionPage,
    Language,
    MeetingPage,
    MeetingStatus,
    NewsPage,
    OrganisationKind,
    OrganisationPage,
    Person,
    ProjectPage,
    RegionPage,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.se")
    password = factory.django.Password("secret-password-1")


class RegionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = RegionPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")
    short_name = factory.Sequence(lambda n: f"R{n}")
    parent = factory.LazyFunction(
        lambda: wagtail_factories.PageFactory._meta.model.get_first_root_node()
    )

    @factory.post_generation
    def provision(obj, create, extracted, **kwargs):
        if create:
            services.region_provision(region=obj)
            obj.refresh_from_db()


class OrganisationPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = OrganisationPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Kommun {n}")
    slug = factory.Sequence(lambda n: f"kommun-{n}")
    kind = OrganisationKind.MUNICIPALITY
    parent = factory.SubFactory(RegionPageFactory)

    @factory.post_generation
    def provision(obj, create, extracted, **kwargs):
        if create:
            services.organisation_provision(organisation=obj)
            obj.refresh_from_db()


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationPageFactory)
    name = factory.Sequence(lambda n: f"Person {n}")
    title = "Samordnare"
    email = factory.Sequence(lambda n: f"person{n}@example.se")


class CollaborationGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollaborationGroup

    region = factory.SubFactory(RegionPageFactory)
    name = factory.Sequence(lambda n: f"Grupp {n}")
    slug = factory.Sequence(lambda n: f"grupp-{n}")
    kind = GroupKind.WORKING


class GroupMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMembership

    group = factory.SubFactory(CollaborationGroupFactory)
    person = factory.SubFactory(PersonFactory)


def editor_of(organisation: OrganisationPage, **kwargs):
    """A user in the organisation's editors group."""
    user = UserFactory(**kwargs)
    user.groups.add(organisation.editors_group)
    return user


def central_admin_of(region: RegionPage, **kwargs):
    """A user in the region's central administrators group."""
    user = UserFactory(**kwargs)
    user.groups.add(region.central_group)
    return user


class InterventionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InterventionPage

    title = factory.Sequence(lambda n: f"Insats {n}")
    slug = factory.Sequence(lambda n: f"insats-{n}")
    summary = "Svenska för invandrare på grundläggande nivå."
    category = factory.LazyFunction(
        lambda: InterventionCategory.objects.get(slug="sfi")
    )
    parent = factory.SubFactory(OrganisationPageFactory)
    responsible_owner = factory.LazyAttribute(
        lambda o: PersonFactory(organisation=o.parent)
    )
    contact_email = "sfi@example.se"


STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


def stockholm(*args) -> datetime.datetime:
    """An aware datetime on the Stockholm wall clock."""
    return datetime.datetime(*args, tzinfo=STOCKHOLM)


class NewsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Nyhet {n}")
    slug = factory.Sequence(lambda n: f"nyhet-{n}")
    lead = "Kort ingress."
    parent = factory.SubFactory(OrganisationPageFactory)


class MeetingPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MeetingPage

    title = factory.Sequence(lambda n: f"Möte {n}")
    slug = factory.Sequence(lambda n: f"mote-{n}")
    parent = factory.SubFactory(OrganisationPageFactory)
    group = factory.LazyAttribute(
        lambda o: CollaborationGroupFactory(region=o.parent.get_parent().specific)
    )
    starts_at = factory.LazyFunction(lambda: stockholm(2030, 1, 15, 13, 30))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    place = "Kommunhuset"


class ProjectPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProjectPage

    title = factory.Sequence(lambda n: f"Projekt {n}")
    slug = factory.Sequence(lambda n: f"projekt-{n}")
    parent = factory.SubFactory(OrganisationPageFactory)


def publish(page):
    """Publish the page's current state as a revision, as the admin does."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def public_content(region, org_a):
    """A small public site as the demo has it, for the page templates'
    tests: a complete intervention, a draft, news, meetings (coming,
    cancelled, held with and without approved minutes) and a project."""
    haninge = OrganisationPageFactory(parent=region, title="Haninge kommun")
    now = timezone.now()
    sfi = InterventionPageFactory(
        parent=org_a,
        title="SFI kurs A–D på dagtid",
        summary="Svenska för invandrare på dagtid i Tumba.",
        description='<p>Lärarledd undervisning.</p><script>alert("x")</script>',
        eligibility="Folkbokförd i Botkyrka, fyllt 16 år.",
        min_age=16,
        max_age=64,
        establishment_programme="participants",
        how_to_apply="Ansök via e-tjänsten.",
        cost_description="Kostnadsfritt för deltagaren",
        exchange_terms="buy",
        price_per_participant=4500,
        places_for_others=20,
        capacity=240,
        schedule_note="Löpande antagning varannan vecka.",
        contact_person=PersonFactory(
            organisation=org_a, name="Jonas Ek", title="Rektor SFI"
        ),
        contact_phone="08-465 004 01",
        last_reviewed_at=datetime.datetime(2026, 11, 24, 10, tzinfo=datetime.UTC),
    )
    sfi.service_area.set([org_a, haninge])
    sfi.languages.set(Language.objects.filter(code__in=["sv", "ar"]))
    InterventionLocation.objects.create(
        page=sfi,
        name="Botkyrka vuxenutbildning",
        street_address="Tumbavägen 24",
        postal_code="147 30",
        city="Tumba",
    )
    InterventionOpeningTime.objects.create(
        page=sfi, weekday=1, opens=datetime.time(8, 30), closes=datetime.time(12)
    )
    InterventionClosure.objects.create(
        page=sfi,
        start_date=datetime.date(2025, 7, 1),
        end_date=datetime.date(2025, 7, 31),
        recurs_yearly=True,
        reason="SFI är stängt i juli",
    )
    publish(sfi)
    InterventionPageFactory(parent=org_a, title="Hemligt utkast", live=False)
    news = publish(
        NewsPageFactory(
            parent=org_a,
            title="Yrkes-SFI startar",
            lead="En ny utbildning startar i januari.",
            date=datetime.date(2026, 11, 16),
            body=[("text", "<p>Brödtext om utbildningen.</p>")],
        )
    )
    NewsPageFactory(parent=org_a, title="Opublicerad nyhet", live=False)
    group = CollaborationGroupFactory(
        region=region, name="Ledningsgruppen", slug="ledningsgruppen"
    )
    GroupMembershipFactory(
        group=group,
        person=PersonFactory(organisation=org_a, name="Anna Strateg", title="Strateg"),
    )

    def meeting(title: str, days: int, **fields):
        """A published two-hour meeting of the group, `days` from now."""
        starts_at = now + datetime.timedelta(days=days)
        return publish(
            MeetingPageFactory(
                parent=org_a,
                group=group,
                title=title,
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(hours=2),
                **fields,
            )
        )

    coming = meeting("Ledningsgruppen i januari", 20, agenda="<p>Budget 2027</p>")
    meeting("Det inställda mötet", 10, status=MeetingStatus.CANCELLED)
    held = meeting(
        "Det hållna mötet",
        -30,
        status=MeetingStatus.HELD,
        minutes_text="<p>Beslut: strategin antogs.</p>",
        minutes_approved_on=timezone.localdate() - datetime.timedelta(days=5),
    )
    unapproved = meeting(
        "Mötet utan justerat protokoll",
        -3,
        status=MeetingStatus.HELD,
        minutes_text="<p>Hemligt utkast till protokoll.</p>",
    )
    project = publish(
        ProjectPageFactory(
            parent=org_a,
            title="Vägar till arbete",
            description="<p>Ett ESF-projekt.</p>",
            funder="eu_fund",
            funder_name="ESF+",
            amount_granted=2400000,
        )
    )
    return {
        "region": region,
        "organisation": org_a,
        "intervention": sfi,
        "news": news,
        "coming": coming,
        "held": held,
        "unapproved": unapproved,
        "project": project,
        "group": group,
    }


def translation_of(page, language: str, *, live: bool = True, **fields):
    """The `language` translation of `page` as Wagtail makes it
    (`copy_for_translation`, under the translation of its parent; ancestors
    not yet translated are translated first), with `fields` set, published
    unless live=False (then a draft that was never published)."""
    from wagtail.models import Locale

    locale, _ = Locale.objects.get_or_create(language_code=language)
    for ancestor in page.get_ancestors()[1:]:  # below the tree's root
        ancestor = ancestor.specific
        if not ancestor.has_translation(locale):
            # A region's or organisation's group and media collection are
            # its own: a copy does not take them.
            exclude = [
                name
                for name in ("central_group", "editors_group", "collection")
                if hasattr(ancestor, name)
            ]
            publish(ancestor.copy_for_translation(locale, exclude_fields=exclude))
    translated = page.specific.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    if "title" in fields:
        translated.draft_title = fields["title"]
    translated.save()
    return publish(translated) if live else translated


def region_with_content(*, slug: str, title: str, marker: str) -> dict:
    """A region of its own with one municipality and one published item of
    each kind partners read (intervention, news, an upcoming meeting of a
    group), every title carrying `marker`, so a test with two regions can
    look for one region's content in the other's outputs."""
    region = RegionPageFactory(title=title, slug=slug, short_name=title)
    organisation = OrganisationPageFactory(
        parent=region, title=f"{marker} kommun", slug=f"{slug}-kommun"
    )
    group = CollaborationGroupFactory(
        region=region, name=f"{marker} grupp", slug=f"{slug}-grupp"
    )
    soon = timezone.now() + datetime.timedelta(days=7)
    return {
        "region": region,
        "organisation": organisation,
        "group": group,
        "intervention": publish(
            InterventionPageFactory(
                parent=organisation,
                title=f"{marker} insats",
                slug=f"{slug}-insats",
                summary=f"{marker} sammanfattning.",
            )
        ),
        "news": publish(
            NewsPageFactory(
                parent=organisation,
                title=f"{marker} nyhet",
                slug=f"{slug}-nyhet",
                date=timezone.localdate(),
            )
        ),
        "meeting": publish(
            MeetingPageFactory(
                parent=organisation,
                group=group,
                title=f"{marker} möte",
                slug=f"{slug}-mote",
                starts_at=soon,
                ends_at=soon + datetime.timedelta(hours=2),
            )
        ),
    }
