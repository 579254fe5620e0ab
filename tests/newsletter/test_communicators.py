"""The communicators group, made by migration: a Swedish name, the rights to
compose, test and send the newsletter and see subscribers (and nothing
more), and its members are the ones the monthly routine reminds."""

import datetime

import pytest

from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from cms.scoping.users import groups_assignable_by
from newsletter.services.reminders import communicators_remind
from tests.factories import UserFactory
from tests.newsletter.factories import IssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def communicators():
    return Group.objects.get(name="Kommunikatörer")


@pytest.fixture
def member(communicators, org_a):
    """A communicator who works at an organisation of the region (so the
    region's newsletter is theirs)."""
    user = UserFactory(username="kommunikator.sodertorn")
    user.groups.add(communicators, org_a.editors_group)
    return user


def test_the_group_exists_with_exactly_the_newsletter_rights(communicators):
    assert sorted(
        f"{p.content_type.app_label}.{p.codename}"
        for p in communicators.permissions.all()
    ) == [
        "samverkan_newsletter.add_newsletterissue",
        "samverkan_newsletter.change_newsletterissue",
        "samverkan_newsletter.delete_newsletterissue",
        "samverkan_newsletter.view_audience",
        "samverkan_newsletter.view_newsletterissue",
        "samverkan_newsletter.view_subscriber",
        "wagtailadmin.access_admin",
    ]


def test_a_member_composes_and_sends_and_sees_subscribers_but_cannot_change_them(
    client, member
):
    issue = IssueFactory()
    subscriber = SubscriberFactory()
    client.force_login(member)

    def status(name, *args):
        return client.get(reverse(name, args=args)).status_code

    assert status("wagtailadmin_home") == 200
    assert status("wagtailsnippets_samverkan_newsletter_newsletterissue:add") == 200
    assert (
        status("wagtailsnippets_samverkan_newsletter_newsletterissue:edit", issue.pk)
        == 200
    )
    assert status("samverkan_newsletter_sending", issue.pk) == 200
    assert status("wagtailsnippets_samverkan_newsletter_subscriber:list") == 200
    # Refused (Wagtail sends a refused user back to the dashboard):
    refused = (302, 403)
    assert (
        status("wagtailsnippets_samverkan_newsletter_subscriber:edit", subscriber.pk)
        in refused
    )
    assert status("samverkan_newsletter_import") in refused  # central admins only
    # The group itself lets its members choose images, not add them (the
    # member adds images as an editor of their organisation).
    only_communicator = UserFactory(username="bara.kommunikator")
    only_communicator.groups.add(member.groups.get(name="Kommunikatörer"))
    image_policy = policy_registry.get_by_type(get_image_model())
    assert image_policy.user_has_permission(only_communicator, "choose")
    assert not image_policy.user_has_permission(only_communicator, "add")


def test_the_monthly_reminder_goes_to_the_members(member, editor_a, communicators):
    UserFactory(username="root", is_superuser=True, is_staff=True)
    away = UserFactory(username="slutat", is_active=False)
    away.groups.add(communicators)

    assert communicators_remind(today=datetime.date(2026, 11, 20)) == 1
    assert mail.outbox[0].to == [member.email]
    assert "december 2026" in mail.outbox[0].body.lower()


def test_a_central_administrator_may_put_people_in_the_group(
    central_admin, communicators
):
    assert communicators in groups_assignable_by(central_admin)
