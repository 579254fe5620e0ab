import datetime

from cms import selectors
from cms.scoping.selectors import people_editable_by
from tests.factories import (
    CollaborationGroupFactory,
    GroupMembershipFactory,
    OrganisationPageFactory,
    PersonFactory,
)


def test_group_current_members_follow_membership_dates(region, org_a):
    group = CollaborationGroupFactory(region=region)
    current = GroupMembershipFactory(
        group=group, person=PersonFactory(organisation=org_a, name="Nu")
    )
    GroupMembershipFactory(
        group=group,
        person=PersonFactory(organisation=org_a, name="Förr"),
        until=datetime.date(2020, 1, 1),
    )
    GroupMembershipFactory(
        group=group,
        person=PersonFactory(organisation=org_a, name="Sedan"),
        since=datetime.date(2999, 1, 1),
    )
    assert list(selectors.group_current_members(group=group)) == [current]


def test_current_members_of_region(region):
    member = OrganisationPageFactory(
        parent=region, member_since=datetime.date(2016, 1, 1)
    )
    OrganisationPageFactory(parent=region, member_since=None)
    OrganisationPageFactory(
        parent=region,
        member_since=datetime.date(2016, 1, 1),
        member_until=datetime.date(2020, 1, 1),
    )
    assert list(selectors.organisations_current_members(region=region)) == [member]


def test_people_editable_by_editor_and_central_admin(
    editor_a, central_admin, org_a, org_b
):
    mine = PersonFactory(organisation=org_a)
    theirs = PersonFactory(organisation=org_b)
    assert list(people_editable_by(user=editor_a)) == [mine]
    assert set(people_editable_by(user=central_admin)) == {mine, theirs}
