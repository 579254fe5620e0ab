"""Meetings: Stockholm wall-clock times stored in UTC, cancelled meetings,
minutes that become public only once approved, and the listings."""

import datetime
import re

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cms import selectors
from cms.models import MeetingPage, MeetingStatus
from tests.factories import (
    CollaborationGroupFactory,
    GroupMembershipFactory,
    MeetingPageFactory,
    PersonFactory,
    publish,
    stockholm,
)


@pytest.fixture
def group(region, public_site):
    return CollaborationGroupFactory(
        region=region, name="Ledningsgruppen", slug="ledningsgrupp"
    )


def meeting(org, group, **fields):
    return publish(MeetingPageFactory(parent=org, group=group, **fields))


def group_page(client, group) -> str:
    url = reverse("web:group_detail", args=(group.slug,))
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [
        (datetime.date(2030, 1, 15), 12),  # winter time, UTC+1
        (datetime.date(2030, 7, 16), 11),  # summer time, UTC+2
    ],
)
def test_a_1330_meeting_is_1330_in_the_listing(
    client, org_a, group, day, utc_hour, admin_user
):
    page = meeting(
        org_a,
        group,
        title="Möte med tid",
        starts_at=stockholm(day.year, day.month, day.day, 13, 30),
    )
    stored = MeetingPage.objects.get(pk=page.pk).starts_at
    assert stored.utcoffset() == datetime.timedelta(0)
    assert (stored.hour, stored.minute) == (utc_hour, 30)

    assert re.search(
        r"13:30</time>–<time [^>]*>15:30</time>", group_page(client, group)
    )

    client.force_login(admin_user)
    html = client.get(reverse("meetings:index")).content.decode()
    assert "13:30" in html and f"{utc_hour}:30" not in html


def test_cancelled_meetings_stay_visible_as_cancelled(client, org_a, group):
    soon = timezone.now() + datetime.timedelta(days=7)
    meeting(org_a, group, title="Inställt möte", starts_at=soon, status="cancelled")
    upcoming = selectors.meetings_upcoming(group=group)
    assert [m.title for m in upcoming] == ["Inställt möte"]
    html = group_page(client, group)
    assert "Inställt möte" in html
    assert 'class="meeting meeting-cancelled"' in html
    assert "Inställt" in html  # the status, in Swedish


def test_upcoming_and_past_meetings_are_split_at_now(org_a, group):
    now = timezone.now()
    meeting(org_a, group, title="Förra", starts_at=now - datetime.timedelta(days=30))
    meeting(org_a, group, title="Nästa", starts_at=now + datetime.timedelta(days=3))
    meeting(org_a, group, title="Sedan", starts_at=now + datetime.timedelta(days=40))
    assert [m.title for m in selectors.meetings_upcoming(group=group)] == [
        "Nästa",
        "Sedan",
    ]
    assert [m.title for m in selectors.meetings_past(group=group)] == ["Förra"]


def test_drafts_are_not_listed(org_a, group):
    MeetingPageFactory(
        parent=org_a,
        group=group,
        live=False,
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    assert not selectors.meetings_upcoming(group=group).exists()


class TestMinutes:
    @pytest.fixture
    def held(self, org_a, group):
        return meeting(
            org_a,
            group,
            title="Hållet möte",
            starts_at=timezone.now() - datetime.timedelta(days=20),
            status=MeetingStatus.HELD,
            minutes_text="<p>Beslut: budgeten antogs.</p>",
        )

    def test_minutes_are_hidden_until_approved(self, client, held, group):
        assert held.minutes_are_public is False
        assert selectors.meeting_published_minutes(held) is None
        html = group_page(client, group)
        assert "Hållet möte" in html
        assert "budgeten antogs" not in html

        held.minutes_approved_on = timezone.localdate()
        publish(held)
        minutes = selectors.meeting_published_minutes(held)
        assert minutes["approved_on"] == timezone.localdate()
        assert "budgeten antogs" in group_page(client, group)

    def test_approval_date_cannot_be_in_the_future(self, held):
        held.minutes_approved_on = timezone.localdate() + datetime.timedelta(days=1)
        with pytest.raises(ValidationError) as error:
            held.full_clean()
        assert "minutes_approved_on" in error.value.message_dict

    @pytest.mark.parametrize("status", ["planned", "cancelled"])
    def test_only_held_meetings_have_approved_minutes(self, held, status):
        held.status = status
        held.minutes_approved_on = timezone.localdate()
        with pytest.raises(ValidationError) as error:
            held.full_clean()
        assert "minutes_approved_on" in error.value.message_dict

    def test_approval_needs_minutes(self, held):
        held.minutes_text = ""
        held.minutes_approved_on = timezone.localdate()
        with pytest.raises(ValidationError):
            held.full_clean()

    def test_approved_minutes_of_a_no_longer_held_meeting_are_hidden(self, held):
        MeetingPage.objects.filter(pk=held.pk).update(
            minutes_approved_on=timezone.localdate(), status=MeetingStatus.CANCELLED
        )
        held.refresh_from_db()
        assert selectors.meeting_published_minutes(held) is None


def test_meeting_must_end_after_it_starts(org_a, group):
    page = MeetingPageFactory.build(
        group=group,
        starts_at=stockholm(2030, 1, 15, 13, 30),
        ends_at=stockholm(2030, 1, 15, 13, 0),
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "ends_at" in error.value.message_dict


def test_admin_listing_filters_upcoming_and_past(admin_client, org_a, group):
    now = timezone.now()
    meeting(
        org_a, group, title="Förra mötet", starts_at=now - datetime.timedelta(days=9)
    )
    meeting(
        org_a, group, title="Nästa mötet", starts_at=now + datetime.timedelta(days=9)
    )
    upcoming = admin_client.get(reverse("meetings:index") + "?when=upcoming")
    assert "Nästa mötet" in upcoming.content.decode()
    assert "Förra mötet" not in upcoming.content.decode()
    past = admin_client.get(reverse("meetings:index") + "?when=past")
    assert "Förra mötet" in past.content.decode()
    assert "Nästa mötet" not in past.content.decode()


def test_only_the_regions_groups_can_be_chosen(client, org_a, editor_a, group):
    from tests.factories import RegionPageFactory

    other = CollaborationGroupFactory(region=RegionPageFactory(), name="Annan grupp")
    # Of the region's groups, A's editors choose those A takes part in.
    GroupMembershipFactory(group=group, person=PersonFactory(organisation=org_a))
    elsewhere = CollaborationGroupFactory(region=group.region, name="Utan A")
    client.force_login(editor_a)
    url = reverse(
        "wagtailadmin_pages:add", args=("samverkan_cms", "meetingpage", org_a.pk)
    )
    choices = client.get(url).context["form"].fields["group"].queryset
    assert group in choices and other not in choices
    assert elsewhere not in choices
