"""factory_boy factories for the test suite."""

import datetime
import zoneinfo

import factory
import wagtail_factories

from django.contrib.auth import get_user_model

from cms import services
from cms.models import (
    CollaborationGroup,
    GroupKind,
    GroupMembership,
    InterventionCategory,
    InterventionPage,
    MeetingPage,
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
