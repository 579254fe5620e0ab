"""The tables of the permission matrix (tests/cms/scoping/test_permission_matrix.py):
the content types, the admin and API actions tried on them, and a snapshot
of everything an action could change.

To cover a new content type, add one line to CONTENT_TYPES (a factory and
the admin form of a page of the type); to cover a new action, add one line
to PAGE_ACTIONS (or SNIPPET_ACTIONS, MEDIA_ACTIONS): its method, how to
build the URL and the form data, and what the region's central
administrator gets for the same request (the positive control that proves
the request is well-formed)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

from wagtail.models import (
    Locale,
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


def _pages(name, args):
    """A URL of wagtailadmin_pages by name, with args(world, page)."""

    def build(w, t, page):
        return reverse(f"wagtailadmin_pages:{name}", args=args(w, page))

    return build


def _page_url(name):
    return lambda w, t, page: reverse(f"wagtailadmin_pages:{name}", args=(page.pk,))


def _edit_form(action=None):
    """The type's admin form with a new title; action: "publish", "submit"."""

    def build(w, t, page):
        return {
            "title": "Kapad",
            "slug": page.slug,
            **CONTENT_TYPES[t].form(page.specific),
            **({f"action-{action}": "1"} if action else {}),
        }

    return build


def _bulk(action):
    def build(w, t, page):
        url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", action))
        return f"{url}?id={page.pk}"

    return build


def _api(action):
    return lambda w, t, page: f"/admin/api/main/pages/{page.pk}/action/{action}/"


def _api_on_a(action):
    """An admin API action on A's page of the type (to bring it into B)."""
    return lambda w, t, page: (
        f"/admin/api/main/pages/{w.pages_a[t].pk}/action/{action}/"
    )


def _to(destination, **extra):
    return lambda w, t, page: {"destination_page_id": destination(w, t).pk, **extra}


def _first_revision(page):
    return page.revisions.order_by("pk").first()


def _locked(w, page):
    page.locked, page.locked_by = True, w.editor_b
    page.locked_at = page.latest_revision.created_at
    page.save(update_fields=["locked", "locked_by", "locked_at"])
    return page


def _in_workflow(w, page):
    w.workflow.start(page, w.editor_b)
    return page


def _task_state(page):
    return page.workflow_states.get().current_task_state


def _alias(w, page):
    return page.create_alias(parent=page.get_parent(), update_slug=f"{page.slug}-alias")


def _scheduled(w, page):
    revision = page.latest_revision
    revision.approved_go_live_at = datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC)
    revision.save(update_fields=["approved_go_live_at"])
    return page


def _not_org(t):
    return CONTENT_TYPES[t].build is not None


def _aliases(t):
    return CONTENT_TYPES[t].aliases


def _copy_form(destination):
    def build(w, t, page):
        return {
            "new_title": "Kopia",
            "new_slug": f"kopia-{page.pk}",
            "new_parent_page": destination(w, t).pk,
            "copy_subpages": "",
            "publish_copies": "1",
        }

    return build


def _org_a(w, t):
    return w.org_a


def _org_b(w, t):
    return w.org_b


def reads(name, url, **options):
    """A GET that A may not make (or, kind="listing", that shows A nothing
    of B's beyond live pages, read-only)."""
    return PageAction(name, "get", url, **options)


def changes(name, url, data=None, **options):
    """A POST that changes the database when the central admin sends it."""
    return PageAction(name, "post", url, data, control="changes", **options)


def _add_url(view):
    def build(w, t, page):
        parent = CONTENT_TYPES[t].parent_of_new(w)
        args = ("samverkan_cms", CONTENT_TYPES[t].model, parent.pk)
        return reverse(f"wagtailadmin_pages:{view}", args=args)

    return build


def _new_page_form(action=None):
    return lambda w, t, page: {**_edit_form(action)(w, t, page), "slug": "ny-sida"}


def _explore_parent(w, t, page):
    return reverse("wagtailadmin_explore", args=(page.get_parent().pk,))


def _ping(w, t, page):
    args = ("wagtailcore", "page", page.pk, 0)
    return reverse("wagtailadmin_editing_sessions:ping", args=args)


def _explore_results(w, t, page):
    url = reverse("wagtailadmin_explore_results", args=(w.org_a.pk,))
    return f"{url}?q={DRAFT.lower()}&search_all=1"


def _report(name):
    return lambda w, t, page: reverse(f"wagtailadmin_reports:{name}")


def _chooser_at(parent):
    return lambda w, t, page: reverse(
        "wagtailadmin_choose_page_child", args=(parent(w, t, page).pk,)
    )


def _parent(w, t, page):
    return page.get_parent()


def _draft_b(w, t, page):
    return w.drafts_b[t]


def _revision_url(name):
    return _pages(name, lambda w, p: (p.pk, _first_revision(p).pk))


def _task_url(name, action=None):
    def args(w, p):
        task_state = _task_state(p)
        if action is None:
            return (p.pk, task_state.task_id)
        return (p.pk, action, task_state.pk)

    return _pages(name, args)


def _add_in_a(w, t, page):
    args = ("samverkan_cms", CONTENT_TYPES[t].model, w.org_a.pk)
    return reverse("wagtailadmin_pages:add", args=args)


def _edit_a(w, t, page):
    return reverse("wagtailadmin_pages:edit", args=(w.pages_a[t].pk,))


def _tag_autocomplete(term, model=None):
    """Wagtail's tag autocomplete (all tags, or one tag model's) for a term:
    the first letters of DRAFT or REVISION, so the answer never echoes it."""

    def build(w, t, page):
        if model is None:
            url = reverse("wagtailadmin_tag_autocomplete")
        else:
            url = reverse("wagtailadmin_tag_model_autocomplete", args=model)
        return f"{url}?term={term[:6].lower()}"

    return build


def _choose_parent(w, t, page):
    namespace = CONTENT_TYPES[t].listing.split(":")[0]
    return reverse(f"{namespace}:choose_parent")


LISTING = {"kind": "listing"}
CHOOSER = {"kind": "listing", "shows_edit_urls": True}
NOT_ORG = {"applies": _not_org}
ALIASED = {"prepare": _alias, "applies": _aliases}
IN_WORKFLOW = {"prepare": _in_workflow}
TYPED = {"typed_form": True}

PAGE_ACTIONS = [
    # Listings: B's live pages may be listed read-only; drafts never.
    reads("explore B's organisation", _explore_parent, refused=frozenset({302})),
    reads("explorer search of the whole tree", _explore_results, **LISTING),
    reads(
        "page search",
        lambda w, t, page: (
            reverse("wagtailadmin_pages:search_results") + f"?q={page.title}"
        ),
        **LISTING,
    ),
    reads(
        "content type listing",
        lambda w, t, page: reverse(CONTENT_TYPES[t].listing),
        **LISTING,
        applies=lambda t: CONTENT_TYPES[t].listing is not None,
    ),
    reads(
        "content type usage",
        lambda w, t, page: reverse(
            "wagtailadmin_pages:type_use",
            args=("samverkan_cms", CONTENT_TYPES[t].model),
        ),
        **LISTING,
    ),
    reads("page chooser in B's organisation", _chooser_at(_parent), **CHOOSER),
    reads(
        "page chooser search",
        lambda w, t, page: (
            reverse("wagtailadmin_choose_page_search") + f"?q={DRAFT.lower()}"
        ),
        **CHOOSER,
    ),
    # Opened at a page A may not see: as if it did not exist.
    reads(
        "page chooser at B's never-published page",
        _chooser_at(_draft_b),
        refused=frozenset({404}),
        **NOT_ORG,
    ),
    reads(
        "admin API: children of B's organisation",
        lambda w, t, page: f"/admin/api/main/pages/?child_of={w.org_b.pk}",
        refused=frozenset({400}),
    ),
    reads(
        "admin API: B's page",
        lambda w, t, page: f"/admin/api/main/pages/{page.pk}/",
        refused=frozenset({404}),
    ),
    reads(
        "admin API: search",
        lambda w, t, page: f"/admin/api/main/pages/?search={DRAFT.lower()}",
        **LISTING,
    ),
    # Tags: B's draft news item and its unpublished revision carry tags
    # named with DRAFT and REVISION.
    reads(
        "tag autocomplete",
        _tag_autocomplete(DRAFT),
        control=OFFERS_DRAFT,
        applies=lambda t: t == "news",
        **LISTING,
    ),
    reads(
        "tag autocomplete of the tag model",
        _tag_autocomplete(DRAFT, model=("taggit", "tag")),
        control=OFFERS_DRAFT,
        applies=lambda t: t == "news",
        **LISTING,
    ),
    reads(
        "tag autocomplete: a tag of an unpublished revision",
        _tag_autocomplete(REVISION),
        applies=lambda t: t == "news",
        **LISTING,
    ),
    # "Lägg till" in a content type's listing: where a new page may go. A's
    # one organisation is the only place, so it goes straight to its form.
    reads(
        "choose parent of a new page",
        _choose_parent,
        applies=lambda t: CONTENT_TYPES[t].listing is not None,
        refused=frozenset({302}),
    ),
    # Reports over the whole site.
    reads("report: site history", _report("site_history"), **LISTING),
    reads("report: workflows", _report("workflow"), **LISTING, **IN_WORKFLOW),
    reads(
        "report: workflow tasks", _report("workflow_tasks"), **LISTING, **IN_WORKFLOW
    ),
    reads("report: aging pages", _report("aging_pages"), **LISTING),
    # Only users who may lock pages see the locked pages report.
    reads(
        "report: locked pages",
        _report("locked_pages"),
        prepare=_locked,
        refused=frozenset({302}),
    ),
    # Reading B's page.
    reads("view draft", _page_url("view_draft"), control=RENDERS),
    reads("edit form", _page_url("edit"), **TYPED),
    reads("usage", _page_url("usage")),
    reads("history", _page_url("history")),
    reads("history results", _page_url("history_results")),
    # Wagtail answers the old revisions index with a redirect to the history.
    reads("revisions index", _page_url("revisions_index"), control=302),
    reads("revision view", _revision_url("revisions_view"), control=RENDERS),
    reads(
        "revision compare",
        _pages("revisions_compare", lambda w, p: (p.pk, "earliest", "latest")),
    ),
    reads("revert form", _revision_url("revisions_revert")),
    PageAction(
        "preview (POST)",
        "post",
        _page_url("preview_on_edit"),
        _edit_form(),
        **TYPED,
    ),
    reads("preview (GET)", _page_url("preview_on_edit")),
    reads("workflow history", _page_url("workflow_history")),
    reads(
        "workflow history detail",
        _pages(
            "workflow_history_detail", lambda w, p: (p.pk, p.workflow_states.get().pk)
        ),
        **IN_WORKFLOW,
    ),
    reads(
        "workflow preview",
        _task_url("workflow_preview"),
        control=RENDERS,
        **IN_WORKFLOW,
    ),
    reads(
        "workflow action form",
        _task_url("collect_workflow_action_data", "reject"),
        **IN_WORKFLOW,
    ),
    reads(
        "workflow cancellation",
        _page_url("confirm_workflow_cancellation"),
        **IN_WORKFLOW,
    ),
    reads("unpublish form", _page_url("unpublish")),
    reads("delete form", _page_url("delete")),
    reads("move form", _page_url("move")),
    reads("copy form", _page_url("copy")),
    reads("privacy form", _page_url("set_privacy")),
    reads("convert alias form", _page_url("convert_alias"), **ALIASED),
    # Changing B's page.
    changes("save draft", _page_url("edit"), _edit_form(), **TYPED),
    changes("publish", _page_url("edit"), _edit_form(action="publish"), **TYPED),
    changes(
        "submit for moderation", _page_url("edit"), _edit_form(action="submit"), **TYPED
    ),
    changes(
        "revert to the first revision",
        _page_url("edit"),
        lambda w, t, page: {
            **_edit_form()(w, t, page),
            "revision": _first_revision(page).pk,
        },
        **TYPED,
    ),
    changes(
        "workflow approve",
        _task_url("workflow_action", "approve"),
        lambda w, t, page: {"comment": ""},
        **IN_WORKFLOW,
    ),
    changes(
        "workflow reject",
        _task_url("workflow_action", "reject"),
        lambda w, t, page: {"comment": "Nej"},
        **IN_WORKFLOW,
    ),
    changes(
        "cancel the workflow",
        _page_url("edit"),
        _edit_form(action="cancel-workflow"),
        **IN_WORKFLOW,
        **TYPED,
    ),
    changes("unpublish", _page_url("unpublish")),
    changes("delete", _page_url("delete")),
    changes(
        "move to A", _pages("move_confirm", lambda w, p: (p.pk, w.org_a.pk)), **NOT_ORG
    ),
    changes("copy to A", _page_url("copy"), _copy_form(_org_a), **NOT_ORG),
    changes("lock", _page_url("lock")),
    changes("unlock", _page_url("unlock"), prepare=_locked),
    changes(
        "privacy: password",
        _page_url("set_privacy"),
        lambda w, t, page: {"restriction_type": "password", "password": "hemligt123"},
    ),
    changes(
        "reorder",
        lambda w, t, page: (
            reverse("wagtailadmin_pages:set_page_position", args=(page.pk,))
            + "?position=0"
        ),
    ),
    changes("convert alias", _page_url("convert_alias"), **ALIASED),
    changes(
        "unschedule",
        _pages("revisions_unschedule", lambda w, p: (p.pk, p.latest_revision_id)),
        prepare=_scheduled,
    ),
    PageAction("editing session ping", "post", _ping, refused=frozenset({404})),
    # Creating in B, or bringing A's page into B.
    reads("add form", _add_url("add"), **TYPED),
    changes("create", _add_url("add"), _new_page_form(action="publish"), **TYPED),
    PageAction(
        "preview of a new page",
        "post",
        _add_url("preview_on_add"),
        _new_page_form(),
        **TYPED,
    ),
    reads(
        "add subpage chooser",
        lambda w, t, page: reverse(
            "wagtailadmin_pages:add_subpage", args=(w.org_b.pk,)
        ),
        **NOT_ORG,
    ),
    # The copy view is A's to use (A's page); the form refuses B.
    changes(
        "copy A's page into B",
        lambda w, t, page: reverse("wagtailadmin_pages:copy", args=(w.pages_a[t].pk,)),
        _copy_form(_org_b),
        refused=frozenset({200}),
        **NOT_ORG,
    ),
    changes(
        "move A's page into B",
        lambda w, t, page: reverse(
            "wagtailadmin_pages:move_confirm", args=(w.pages_a[t].pk, w.org_b.pk)
        ),
        **NOT_ORG,
    ),
    # The move confirmation names both pages: refused before it is sent.
    reads(
        "move confirmation of B's page into A",
        _pages("move_confirm", lambda w, p: (p.pk, w.org_a.pk)),
        **NOT_ORG,
    ),
    reads(
        "move confirmation of A's page into B",
        lambda w, t, page: reverse(
            "wagtailadmin_pages:move_confirm", args=(w.pages_a[t].pk, w.org_b.pk)
        ),
        **NOT_ORG,
    ),
    # A's own forms offer B's pages (related interventions and
    # organisations, partners, provider, municipalities served) by their
    # published titles, never B's drafts.
    reads("add form in A", _add_in_a, **LISTING, **NOT_ORG, **TYPED),
    reads("edit form of A's page", _edit_a, **LISTING, **NOT_ORG, **TYPED),
    # Bulk actions.
    changes("bulk delete", _bulk("delete")),
    changes(
        "bulk move to A",
        _bulk("move"),
        lambda w, t, page: {"chooser": w.org_a.pk},
        **NOT_ORG,
    ),
    changes("bulk publish", _bulk("publish")),
    changes("bulk unpublish", _bulk("unpublish")),
    changes(
        "dashboard: still correct",
        lambda w, t, page: reverse("samverkan_review_confirm", args=(page.pk,)),
        applies=lambda t: t == "intervention",
    ),
    changes(
        "bulk mark reviewed",
        _bulk("mark_reviewed"),
        applies=lambda t: t == "intervention",
    ),
    # The admin API's actions.
    changes("admin API: delete", _api("delete")),
    changes("admin API: publish", _api("publish")),
    changes("admin API: unpublish", _api("unpublish")),
    changes(
        "admin API: move to A",
        _api("move"),
        _to(_org_a, position="last-child"),
        **NOT_ORG,
    ),
    changes(
        "admin API: copy to A", _api("copy"), _to(_org_a, slug="api-kopia"), **NOT_ORG
    ),
    changes(
        "admin API: alias in A",
        _api("create_alias"),
        _to(_org_a, update_slug="alias"),
        applies=_aliases,
    ),
    changes(
        "admin API: revert",
        _api("revert_to_page_revision"),
        lambda w, t, page: {"revision_id": _first_revision(page).pk},
    ),
    changes("admin API: convert alias", _api("convert_alias"), **ALIASED),
    changes(
        "admin API: move A's page into B",
        _api_on_a("move"),
        _to(_org_b, position="last-child"),
        **NOT_ORG,
    ),
    changes(
        "admin API: copy A's page into B",
        _api_on_a("copy"),
        _to(_org_b, slug="api-kopia"),
        **NOT_ORG,
    ),
]

# Translations (wagtail-localize) -------------------------------------------
# A translation belongs to its source's organisation: A may neither
# translate B's page nor open, sync, stop or convert B's translation
# (cms/translations/admin_views.py narrows wagtail-localize's views; the
# translation editor's own views check the edit right, which
# cms/translations/rights.py makes B's). The same rows on A's own page are
# the editor's positive control (test_editor_of_a_may_on_own_translation).

# Meetings and projects are pages like news: the rows are left out for time.
TRANSLATED_TYPES = ("intervention", "news", "organisation")


def _translatable(t):
    return t in TRANSLATED_TYPES


def _arabic():
    return Locale.objects.get(language_code="ar")


def _localized(w, page):
    """The page translated into Arabic through wagtail-localize, as its
    editor would (the translation published with its live source, then an
    unpublished revision carrying REVISION); returns the translation."""
    from wagtail_localize.operations import TranslationCreator

    TranslationCreator(None, [_arabic()]).create_translations(page)
    translated = page.get_translation(_arabic()).specific
    translated.title = f"{translated.title} {REVISION}"
    translated.save_revision()
    return Page.objects.get(pk=translated.pk).specific


def _localize_translation(page):
    from wagtail_localize.models import Translation

    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale=page.locale
    )


def _localize(name, args=lambda page: (_localize_translation(page).pk,)):
    """A wagtail-localize URL by name, with args(page)."""
    return lambda w, t, page: reverse(f"wagtail_localize:{name}", args=args(page))


def _string_segment(page):
    translation = _localize_translation(page)
    return (translation.pk, translation.source.stringsegment_set.first().pk)


def _source_id(page):
    return (_localize_translation(page).source_id,)


LOCALIZED = {"prepare": _localized, "applies": _translatable}
TRANSLATION_ACTIONS = [
    reads(
        "translate: the form",
        _localize("submit_page_translation", lambda page: (page.pk,)),
        applies=_translatable,
    ),
    changes(
        "translate into Arabic",
        _localize("submit_page_translation", lambda page: (page.pk,)),
        lambda w, t, page: {"locales": [_arabic().pk]},
        applies=_translatable,
    ),
    reads("translation editor of B's translation", _page_url("edit"), **LOCALIZED),
    reads("translation preview", _localize("preview_translation"), **LOCALIZED),
    reads("translation PO file", _localize("download_pofile"), **LOCALIZED),
    PageAction(
        "translation editor: edit a string",
        "put",
        _localize("edit_string_translation", _string_segment),
        lambda w, t, page: {"value": "Kapad"},
        control=201,  # the string's translation is created
        **LOCALIZED,
    ),
    reads(
        "sync translations: the form",
        _localize("update_translations", _source_id),
        **LOCALIZED,
    ),
    PageAction(
        "sync translations",
        "post",
        _localize("update_translations", _source_id),
        lambda w, t, page: {},
        control=302,
        **LOCALIZED,
    ),
    PageAction(
        "stop translating",
        "post",
        _localize("stop_translation"),
        control=302,
        **LOCALIZED,
    ),
    changes(
        "convert the translation to an alias",
        _localize("convert_to_alias", lambda page: (page.pk,)),
        prepare=_localized,
        applies=lambda t: _translatable(t) and _aliases(t),
    ),
]
PAGE_ACTIONS += TRANSLATION_ACTIONS

PAGE_CASES = [
    (content_type, action)
    for content_type in CONTENT_TYPES
    for action in PAGE_ACTIONS
    if action.applies(content_type)
]

# The positive controls: every typed-form action on every type, the others
# on the first type they apply to.
CONTROL_CASES = [
    (content_type, action)
    for content_type, action in PAGE_CASES
    if action.typed_form
    or content_type == next(t for t in CONTENT_TYPES if action.applies(t))
]

# Holes found by the matrix that Samverkan cannot close cheaply: each such
# case is a strict xfail, so it fails (and the line goes) the day it is fixed.
KNOWN_HOLES = {}

# Controls that cannot succeed (by content or snippet type and action name).
CONTROL_SKIPS = {}
