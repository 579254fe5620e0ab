"""Content models of Samverkan, one module per content type."""

from .groups import CollaborationGroup, GroupKind, GroupMembership, MembershipRole
from .organisations import OrganisationKind, OrganisationPage
from .people import Person
from .regions import RegionPage

__all__ = [
    "CollaborationGroup",
    "GroupKind",
    "GroupMembership",
    "MembershipRole",
    "OrganisationKind",
    "OrganisationPage",
    "Person",
    "RegionPage",
]
