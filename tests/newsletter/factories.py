"""Factories of the newsletter tests."""

import factory

from django.contrib.auth.models import Group, Permission

from cms.models import RegionPage
from newsletter.models import Audience, NewsletterIssue, Subscriber
from tests.factories import OrganisationPageFactory, RegionPageFactory, UserFactory


def newsletter_region() -> RegionPage:
    """The region of the newsletter tests: the suite's Södertörn (the
    `region` fixture's), made if no test made it yet."""
    return RegionPage.objects.filter(slug="sodertorn").first() or RegionPageFactory(
        title="Södertörn", slug="sodertorn", short_name="Södertörn"
    )


class AudienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Audience
        django_get_or_create = ("region", "slug")

    region = factory.LazyFunction(newsletter_region)

    name = factory.Sequence(lambda n: f"Målgrupp {n}")
    slug = factory.Sequence(lambda n: f"malgrupp-{n}")


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber
        skip_postgeneration_save = True

    region = factory.LazyFunction(newsletter_region)
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    name = factory.Sequence(lambda n: f"Läsare {n}")
    status = Subscriber.Status.CONFIRMED
    consent_source = Subscriber.Source.FORM
    consent_policy_version = "2026-01"

    @factory.post_generation
    def audiences(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.audiences.set(extracted)


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsletterIssue
        skip_postgeneration_save = True

    region = factory.LazyFunction(newsletter_region)
    subject = factory.Sequence(lambda n: f"Nyhetsbrev {n}")
    preheader = "Det viktigaste den här månaden."
    body = factory.LazyFunction(
        lambda: (
            '[{"type": "intro", "value": "<p>Hej! Läs om <a href=\\"/om/\\">oss</a>.</p>"}]'
        )
    )

    @factory.post_generation
    def audiences(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.audiences.set(extracted)


def communicator(region=None, **kwargs):
    """An admin user in a group allowed to compose and send newsletters,
    working at an organisation of `region` (the tests' region by default):
    the newsletter they see is that region's."""
    group, _created = Group.objects.get_or_create(name="Kommunikatörer")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="samverkan_newsletter"),
    )
    user = UserFactory(**kwargs)
    user.groups.add(group)
    office = OrganisationPageFactory(parent=region or newsletter_region())
    user.groups.add(office.editors_group)
    return user


def confirmed_subscribers(count: int, audience: Audience, prefix: str = "r"):
    """Many confirmed subscribers of one audience, in a few queries."""
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(
            region_id=audience.region_id,
            email=f"{prefix}{n}@example.org",
            status=Subscriber.Status.CONFIRMED,
            consent_source=Subscriber.Source.IMPORT,
        )
        for n in range(count)
    )
    Subscriber.audiences.through.objects.bulk_create(
        Subscriber.audiences.through(subscriber_id=s.pk, audience_id=audience.pk)
        for s in subscribers
    )
    return subscribers
