"""The permission matrix's table of scoped snippets (people, groups,
review coordinators, absences): how to build B's object and the actions
tried on it (see tests/cms/scoping/permission_matrix.py)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from wagtail.log_actions import log

from cms.models import (
    CollaborationGroup,
    ExchangeAgreement,
    Person,
    PersonAbsence,
    PlaceSeek,
    ReviewCoordinator,
)

# Words that must not reach A in any answer: DRAFT is in the titles of B's
# never-published pages, REVISION in the unpublished revision of each of B's
# live pages. Searches ask for DRAFT in lower case (search is
# case-insensitive), so that the query echoed in the answer is not taken for
# a leak.
from tests.cms.scoping.permission_matrix import (
    DRAFT,
    REFUSED,
    Action,
    _formset,
)
from tests.cms.scoping.permission_matrix_cases import CONTROL_SKIPS
from tests.factories import InterventionPageFactory, OrganisationPageFactory

# Snippets ---------------------------------------------------------------


def _person_b(w, name):
    return Person.objects.create(organisation=w.org_b, name=f"{DRAFT} {name}")


@dataclass(frozen=True)
class SnippetType:
    """A snippet scoped to an organisation or a region: how to build B's
    object (people's names carry DRAFT; group names are public) and a valid
    admin form for one in B."""

    model: str  # samverkan_cms.<model>
    build: Callable
    form: Callable


SNIPPET_TYPES = {
    "person": SnippetType(
        "person",
        lambda w: _person_b(w, "Bertil"),
        lambda w, obj: {"name": "Kapad", "organisation": w.org_b.pk, "email": ""},
    ),
    "collaborationgroup": SnippetType(
        "collaborationgroup",
        lambda w: CollaborationGroup.objects.create(
            region=w.region, name="Regionens grupp", slug="grupp", kind="working"
        ),
        lambda w, obj: {
            "region": w.region.pk,
            "name": "Kapad",
            "slug": "kapad",
            "kind": "working",
            **_formset("memberships"),
        },
    ),
    "reviewcoordinator": SnippetType(
        "reviewcoordinator",
        lambda w: ReviewCoordinator.objects.create(
            organisation=w.org_b, person=_person_b(w, "Samordnare")
        ),
        lambda w, obj: {
            "organisation": w.org_b.pk,
            "person": w.snippets_b["person"].pk,
        },
    ),
    "personabsence": SnippetType(
        "personabsence",
        lambda w: PersonAbsence.objects.create(
            person=_person_b(w, "Slutat"),
            reason="left",
            since=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        ),
        lambda w, obj: {
            "person": w.snippets_b["reviewcoordinator"].person_id,
            "reason": "bounced",
            "since": "2026-02-01 10:00",
        },
    ),
}


def _seek_form(w, obj):
    return {
        "organisation": w.org_b.pk,
        "title": "Kapad",
        "status": "draft",
        "establishment_programme": "both",
        "period_start": "2027-01-01",
        "period_end": "2027-06-30",
        "terms": "buy",
    }


def _agreement_b(w):
    """Haninge (B) lets Huddinge take places in its swap: A is no party.
    B also has a never-published intervention open to exchange, which no
    form of A's may offer."""
    InterventionPageFactory(
        parent=w.org_b, title=f"{DRAFT} bytesinsats", exchange_terms="swap", live=False
    )
    offer = InterventionPageFactory(
        parent=w.org_b, title="Haninges bytesinsats", exchange_terms="swap"
    )
    huddinge = OrganisationPageFactory(parent=w.region, title="Huddinge kommun")
    return _logged(
        ExchangeAgreement.objects.create(
            intervention=offer,
            taker=huddinge,
            terms="swap",
            places=2,
            period_start=datetime.date(2027, 1, 1),
            period_end=datetime.date(2027, 6, 30),
            note=f"{DRAFT} avtal",
        )
    )


def _logged(obj):
    """Created as the admin does, with an entry in Wagtail's site history
    (which shows its label to every editor who may use the model)."""
    log(instance=obj, action="wagtail.create")
    return obj


def _agreement_form(w, obj):
    return {
        "intervention": obj.intervention_id,
        "taker": obj.taker_id,
        "seek": "",
        "terms": "swap",
        "places": "1",
        "period_start": "2027-01-01",
        "period_end": "2027-03-31",
        "price_per_participant": "",
        "note": "Kapad",
    }


SNIPPET_TYPES["placeseek"] = SnippetType(
    "placeseek",
    lambda w: _logged(
        PlaceSeek.objects.create(
            organisation=w.org_b,
            title=f"{DRAFT} söker platser",
            period_start=datetime.date(2027, 1, 1),
            period_end=datetime.date(2027, 6, 30),
        )
    ),
    _seek_form,
)
SNIPPET_TYPES["exchangeagreement"] = SnippetType(
    "exchangeagreement", _agreement_b, _agreement_form
)

# The control of listings: the central administrator sees B's object.
LISTS_B = "lists B's object"


def snippet_row_urls(t, obj) -> list[str]:
    """The URLs by which a listing or chooser shows one of its rows."""
    model = SNIPPET_TYPES[t].model
    return [
        reverse(f"wagtailsnippets_samverkan_cms_{model}:edit", args=(obj.pk,)),
        reverse(f"wagtailsnippetchoosers_samverkan_cms_{model}:chosen", args=(obj.pk,)),
    ]


@dataclass(frozen=True)
class SnippetAction(Action):
    """A request on B's snippet: url(snippet type, object) and data(world,
    snippet type, object). `control` may also be LISTS_B (the answer shows
    B's object); a listing may also refuse."""


def _snippet(view, *, chooser=False, with_pk=True):
    prefix = "wagtailsnippetchoosers" if chooser else "wagtailsnippets"

    def build(t, obj):
        name = f"{prefix}_samverkan_cms_{SNIPPET_TYPES[t].model}:{view}"
        return reverse(name, args=(obj.pk,) if with_pk else ())

    return build


def _snippet_form(w, t, obj):
    return SNIPPET_TYPES[t].form(w, obj)


SNIPPET_ACTIONS = [
    *[
        SnippetAction(name, "get", url, kind="listing", control=LISTS_B)
        for name, url in [
            ("list", _snippet("list", with_pk=False)),
            ("list results", _snippet("list_results", with_pk=False)),
            ("chooser", _snippet("choose", chooser=True, with_pk=False)),
            (
                "chooser results",
                _snippet("choose_results", chooser=True, with_pk=False),
            ),
        ]
    ],
    SnippetAction("edit form", "get", _snippet("edit")),
    SnippetAction("edit", "post", _snippet("edit"), _snippet_form, control="changes"),
    SnippetAction("delete form", "get", _snippet("delete")),
    SnippetAction("delete", "post", _snippet("delete"), control="changes"),
    SnippetAction("copy", "get", _snippet("copy")),
    SnippetAction("history", "get", _snippet("history")),
    SnippetAction("history results", "get", _snippet("history_results")),
    SnippetAction("usage", "get", _snippet("usage")),
    SnippetAction(
        "chosen",
        "get",
        _snippet("chosen", chooser=True),
    ),
    SnippetAction(
        "chosen multiple",
        "get",
        lambda t, obj: (
            _snippet("chosen_multiple", chooser=True, with_pk=False)(t, obj)
            + f"?id={obj.pk}"
        ),
        kind="listing",
        control=LISTS_B,
    ),
    # Creating in B: the form either is refused or refuses B as owner.
    SnippetAction(
        "create in B",
        "post",
        _snippet("add", with_pk=False),
        _snippet_form,
        refused=REFUSED | {200},
        control="changes",
    ),
    SnippetAction(
        "bulk delete",
        "post",
        lambda t, obj: (
            reverse(
                "wagtail_bulk_action",
                args=("samverkan_cms", SNIPPET_TYPES[t].model, "delete"),
            )
            + f"?id={obj.pk}"
        ),
        refused=REFUSED | {200},
        control="changes",
    ),
]

SNIPPET_CASES = [(t, action) for t in SNIPPET_TYPES for action in SNIPPET_ACTIONS]
# Köp, byt och sälj: the offers matching B's seek are B's own business; the
# seeks of others and the agreement form (its choices of interventions and
# seeks) never show B's drafts.
SNIPPET_CASES += [
    (
        "placeseek",
        SnippetAction("matching offers", "get", _snippet("offers")),
    ),
    (
        "placeseek",
        SnippetAction(
            "sought by others",
            "get",
            lambda t, obj: reverse("samverkan_exchange_sought"),
            kind="listing",
        ),
    ),
    (
        "exchangeagreement",
        SnippetAction(
            "add form", "get", _snippet("add", with_pk=False), kind="listing"
        ),
    ),
]

# The snippet choosers offer only what the snippet's scope allows
# (cms/viewsets/scoped_choosers.py); nothing is known to leak.
KNOWN_SNIPPET_HOLES: dict[str, str] = {}
CONTROL_SKIPS[("reviewcoordinator", "create in B")] = (
    "an organisation has one review coordinator, and B has one"
)
