"""Content models of Samverkan, one module per content type."""

from .changes import ChangeAction, ChangeObjectType, ContentChange
from .exchange import (
    AgreementTerms,
    ExchangeAgreement,
    PlaceSeek,
    SeekStatus,
    SeekTerms,
)
from .groups import CollaborationGroup, GroupKind, GroupMembership, MembershipRole
from .import_runs import ImportRowAction, ImportRun, ImportRunRow, ImportRunStatus
from .intervention_details import (
    InterventionClosure,
    InterventionLocation,
    InterventionOpeningTime,
    Weekday,
)
from .interventions import (
    DeliveryMode,
    EstablishmentProgramme,
    ExchangeTerms,
    InterventionPage,
    InterventionStatus,
)
from .meetings import MeetingPage, MeetingStatus
from .news import NewsPage, NewsPageTag
from .organisations import OrganisationKind, OrganisationPage
from .people import Person
from .projects import (
    DeadlineFeedToken,
    DeadlineKind,
    DeadlineReminder,
    Funder,
    ProjectPage,
    ReportingDeadline,
)
from .regions import RegionPage
from .reviews import (
    AbsenceReason,
    PersonAbsence,
    Reminder,
    ReminderStep,
    ReviewCoordinator,
    ReviewDigest,
    ReviewEvent,
    ReviewMethod,
    ReviewSnooze,
)
from .statistics import InterventionReadDay, ReadSource
from .suggestions import Suggester
from .taxonomy import InterventionCategory, Language
from .translations import TranslationState

__all__ = [
    "AgreementTerms",
    "ExchangeAgreement",
    "PlaceSeek",
    "SeekStatus",
    "SeekTerms",
    "ImportRowAction",
    "ImportRun",
    "ImportRunRow",
    "ImportRunStatus",
    "ChangeAction",
    "ChangeObjectType",
    "ContentChange",
    "DeadlineKind",
    "Funder",
    "MeetingPage",
    "MeetingStatus",
    "NewsPage",
    "NewsPageTag",
    "ProjectPage",
    "ReportingDeadline",
    "DeadlineReminder",
    "DeadlineFeedToken",
    "DeliveryMode",
    "EstablishmentProgramme",
    "ExchangeTerms",
    "InterventionCategory",
    "InterventionClosure",
    "InterventionLocation",
    "InterventionOpeningTime",
    "InterventionPage",
    "InterventionReadDay",
    "ReadSource",
    "InterventionStatus",
    "Language",
    "Suggester",
    "Weekday",
    "CollaborationGroup",
    "GroupKind",
    "GroupMembership",
    "MembershipRole",
    "OrganisationKind",
    "OrganisationPage",
    "Person",
    "RegionPage",
    "AbsenceReason",
    "PersonAbsence",
    "Reminder",
    "ReminderStep",
    "ReviewCoordinator",
    "ReviewDigest",
    "ReviewEvent",
    "ReviewMethod",
    "ReviewSnooze",
    "TranslationState",
]
