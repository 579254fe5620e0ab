"""The tables of the permission matrix (tests/cms/scoping/test_permission_matrix.py):
the content types, the admin and API actions tried on them, and a snapshot
of everything an action could change.

To cover a new content type, add one line to CONTENT_TYPES (a factory and
the admin form of a page of the type); to cover a new action, add one line
to PAGE_ACTIONS (or SNIPPET_ACTIONS, MEDIA_ACTIONS): its method, how to
build the URL and the form data, and what the region's central
administrator gets for the same request (the positive control that proves
the request is well-formed)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from wagtail.models import (
    Page,
    PageLogEntry,
    PageViewRestriction,
    Revision,
    TaskState,
    WorkflowState,
)

from cms.models import (
    CollaborationGroup,
    ExchangeAgreement,
    GroupMembership,
    Person,
    PersonAbsence,
    PlaceSeek,
    ReviewCoordinator,
    ReviewEvent,
)
from tests.factories import (
    InterventionPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    ProjectPageFactory,
)

# Words that must not reach A in any answer: DRAFT is in the titles of B's
# never-published pages, REVISION in the unpublished revision of each of B's
# live pages. Searches ask for DRAFT in lower case (search is
# case-insensitive), so that the query echoed in the answer is not taken for
# a leak.
DRAFT = "HEMLIGTUTKAST"
REVISION = "OPUBLICERADREVISION"


@dataclass
class World:
    """What the matrix acts on (built once per module)."""

    region: Page
    org_a: Page
    org_b: Page
    editor_a: object
    editor_b: object
    central_admin: object
    superuser: object
    group: CollaborationGroup
    workflow: object
    pages_a: dict = field(default_factory=dict)  # content type -> A's page
    pages_b: dict = field(default_factory=dict)  # content type -> B's page
    drafts_b: dict = field(default_factory=dict)  # content type -> B's draft
    snippets_b: dict = field(default_factory=dict)  # snippet type -> B's object
    media_b: dict = field(default_factory=dict)  # image, document, collection


# Content types ----------------------------------------------------------


def _formset(prefix: str) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": "0",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def intervention_form(page) -> dict:
    return {
        "summary": page.summary,
        "category": page.category_id,
        "status": page.status,
        "establishment_programme": page.establishment_programme,
        "delivery_mode": page.delivery_mode,
        "exchange_terms": page.exchange_terms,
        "review_interval_months": page.review_interval_months,
        "responsible_owner": page.responsible_owner_id or "",
        "contact_email": page.contact_email,
        **_formset("locations"),
        **_formset("opening_times"),
        **_formset("closures"),
    }


def _news_form(page) -> dict:
    return {"date": page.date, "lead": page.lead, "body-count": "0", "tags": ""}


def _meeting_form(page) -> dict:
    return {
        "group": page.group_id,
        "starts_at": page.starts_at.strftime("%Y-%m-%d %H:%M"),
        "ends_at": page.ends_at.strftime("%Y-%m-%d %H:%M"),
        "status": page.status,
        "place": page.place,
    }


def _project_form(page) -> dict:
    return {
        "funder": "state_grant",
        "decision_date": "2026-08-31",
        "period_start": "2026-09-01",
        "period_end": "2027-12-31",
        **_formset("deadlines"),
    }


def _organisation_form(page) -> dict:
    return {"kind": page.kind}


@dataclass(frozen=True)
class ContentType:
    """One page type: build(world, parent=..., title=..., ...) makes a page of
    it in an organisation (None for the organisation page itself: B's
    organisation is the page), form(page) gives the fields of its admin form
    besides title and slug, and `listing` names its admin listing if any."""

    model: str  # samverkan_cms.<model>
    build: Callable | None
    form: Callable
    listing: str | None = None
    # Wagtail's aliases copy every field; a unique one (an intervention's
    # stable id, an organisation's editors group) makes an alias impossible.
    aliases: bool = True

    def parent_of_new(self, world: World):
        return world.region if self.build is None else world.org_b


CONTENT_TYPES = {
    "intervention": ContentType(
        "interventionpage",
        lambda w, **kw: InterventionPageFactory(**kw),
        intervention_form,
        "interventions:index",
        aliases=False,
    ),
    "news": ContentType(
        "newspage", lambda w, **kw: NewsPageFactory(**kw), _news_form, "news:index"
    ),
    "meeting": ContentType(
        "meetingpage",
        lambda w, **kw: MeetingPageFactory(group=w.group, **kw),
        _meeting_form,
        "meetings:index",
    ),
    "project": ContentType(
        "projectpage",
        lambda w, **kw: ProjectPageFactory(**kw),
        _project_form,
        "projects:index",
    ),
    "organisation": ContentType(
        "organisationpage", None, _organisation_form, aliases=False
    ),
}


# Snapshot ---------------------------------------------------------------


def db_state() -> dict:
    """Everything a page or snippet action could change."""
    return {
        "pages": list(
            Page.objects.order_by("pk").values_list(
                "pk",
                "title",
                "draft_title",
                "slug",
                "live",
                "has_unpublished_changes",
                "path",
                "url_path",
                "latest_revision_id",
                "live_revision_id",
                "locked",
                "locked_by_id",
                "alias_of_id",
            )
        ),
        "revisions": list(
            Revision.objects.order_by("pk").values_list("pk", "approved_go_live_at")
        ),
        "workflows": list(WorkflowState.objects.values_list("pk", "status")),
        "tasks": list(TaskState.objects.values_list("pk", "status")),
        "restrictions": list(
            PageViewRestriction.objects.values_list("page_id", "restriction_type")
        ),
        "page_log": PageLogEntry.objects.count(),
        "reviews": ReviewEvent.objects.count(),
        "people": list(
            Person.objects.order_by("pk").values_list("pk", "name", "organisation_id")
        ),
        "groups": list(
            CollaborationGroup.objects.order_by("pk").values_list(
                "pk", "name", "region_id"
            )
        ),
        "memberships": GroupMembership.objects.count(),
        "coordinators": list(
            ReviewCoordinator.objects.values_list("pk", "organisation_id", "person_id")
        ),
        "absences": list(PersonAbsence.objects.values_list("pk", "person_id")),
        "seeks": list(
            PlaceSeek.objects.order_by("pk").values_list(
                "pk", "title", "organisation_id", "status"
            )
        ),
        "agreements": list(
            ExchangeAgreement.objects.order_by("pk").values_list(
                "pk", "intervention_id", "taker_id", "places", "note"
            )
        ),
    }


# Page actions -----------------------------------------------------------

# The control of the views that render the page itself (view draft, a
# revision, a workflow preview): a user who is let through gets the page's
# read-only preview (cms/content/previews.py).
RENDERS = "renders the page"
# The control of autocompletes: the allowed user is offered what carries
# DRAFT (a tag of B's never-published page), so the refusal is scoping.
OFFERS_DRAFT = "offers B's draft"

# What a refusal looks like: Wagtail answers 302 (to the dashboard or the
# login), 403 or 404; the admin API 404 (the page is not among those the
# user may explore) or 403.
REFUSED = frozenset({302, 403, 404})


@dataclass(frozen=True)
class Action:
    """One request of the matrix: url(...) and data(...) build it. `kind` is
    "refused" (A gets a REFUSED status; `refused` narrows it) or "listing"
    (A gets 200 and a page that lists B's live pages at most, read-only: no
    link to edit, delete, move... them). No answer may carry DRAFT (nor, for
    pages, REVISION). `control` is what an allowed user gets for the same
    request: "changes" (the database changes), or an HTTP status."""

    name: str
    method: str
    url: Callable
    data: Callable | None = None
    kind: str = "refused"
    refused: frozenset = REFUSED
    control: object = 200


@dataclass(frozen=True)
class PageAction(Action):
    """A request on B's page of a content type: url(world, content_type,
    page) and data(world, content_type, page); prepare(world, page) puts the
    page in the state the action needs (locked, in a workflow, aliased...)
    and returns the page to act on. `control` may also be RENDERS."""

    prepare: Callable | None = None
    applies: Callable = lambda content_type: True  # noqa: E731
    # The page chooser carries every page's edit URL (data-edit-url) for its
    # own use, whoever asks; following it is refused ("edit form").
    shows_edit_urls: bool = False
    # The request carries the content type's admin form: the control runs
    # on every content type (other actions' controls run on the first type
    # they apply to, which keeps the module fast).
    typed_form: bool = False
