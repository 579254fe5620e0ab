"""The page actions of the permission matrix: each admin and API request
tried on a page of B's organisation, with its control (the region's central
administrator)."""

import datetime

from django.urls import reverse

from tests.cms.scoping.permission_matrix import (
    CONTENT_TYPES,
    DRAFT,
    OFFERS_DRAFT,
    RENDERS,
    REVISION,
    PageAction,
)


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
