import datetime

import pytest

from django.core.exceptions import ValidationError

from cms.content.validators import validate_municipality_code, validate_org_number
from cms.models import OrganisationKind, OrganisationPage
from tests.factories import (
    GroupMembershipFactory,
    OrganisationPageFactory,
    PersonFactory,
    RegionPageFactory,
)


@pytest.mark.parametrize("value", ["202100-2114", "2021002114"])
def test_valid_org_numbers(value):
    validate_org_number(value)


@pytest.mark.parametrize("value", ["202100-2115", "20210-2114", "abcdef-ghij", ""])
def test_invalid_org_numbers(value):
    with pytest.raises(ValidationError):
        validate_org_number(value)


def test_municipality_code_has_four_digits():
    validate_municipality_code("0127")
    with pytest.raises(ValidationError):
        validate_municipality_code("127")


def test_membership_cannot_end_before_it_starts(region):
    organisation = OrganisationPage(
        title="X",
        kind=OrganisationKind.MUNICIPALITY,
        member_since=datetime.date(2024, 1, 1),
        member_until=datetime.date(2023, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        organisation.clean()
    assert "member_until" in error.value.message_dict


def test_only_municipalities_have_a_municipality_code():
    organisation = OrganisationPage(
        title="X", kind=OrganisationKind.NGO, municipality_code="0127"
    )
    with pytest.raises(ValidationError) as error:
        organisation.clean()
    assert "municipality_code" in error.value.message_dict


def test_current_membership():
    organisation = OrganisationPage(
        member_since=datetime.date(2020, 1, 1), member_until=datetime.date(2023, 12, 31)
    )
    assert organisation.is_member_on(datetime.date(2023, 12, 31))
    assert not organisation.is_member_on(datetime.date(2024, 1, 1))
    assert not organisation.is_member_on(datetime.date(2019, 12, 31))
    assert not OrganisationPage(member_since=None).is_member_on(
        datetime.date(2024, 1, 1)
    )


def test_group_member_must_come_from_the_groups_region(region):
    far_person = PersonFactory(
        organisation=OrganisationPageFactory(parent=RegionPageFactory())
    )
    membership = GroupMembershipFactory.build(group__region=region, person=far_person)
    membership.group.save()
    with pytest.raises(ValidationError) as error:
        membership.clean()
    assert "person" in error.value.message_dict
