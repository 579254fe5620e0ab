"""Content models of Samverkan, one module per content type."""

from .groups import CollaborationGroup, GroupKind, GroupMembership, MembershipRole
from .interventions import (
    DeliveryMode,
    EstablishmentProgramme,
    ExchangeTerms,
    InterventionClosure,
    InterventionLocation,
    InterventionOpeningTime,
    InterventionPage,
    InterventionStatus,
    Weekday,
)
from .organisations import OrganisationKind, OrganisationPage
from .people import Person
from .regions import RegionPage
from .taxonomy import InterventionCategory, Language

__all__ = [
    "DeliveryMode",
    "EstablishmentProgramme",
    "ExchangeTerms",
    "InterventionCategory",
    "InterventionClosure",
    "InterventionLocation",
    "InterventionOpeningTime",
    "InterventionPage",
    "InterventionStatus",
    "Language",
    "Weekday",
    "CollaborationGroup",
    "GroupKind",
    "GroupMembership",
    "MembershipRole",
    "OrganisationKind",
    "OrganisationPage",
    "Person",
    "RegionPage",
]
