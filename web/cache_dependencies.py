"""What a public page shows, named by the versions that move when it may
change (cms.changes.version). The public page cache (web.caching) keeps a
page until one of them moves:

- an intervention's page (in any language): the shared version and the
  intervention's own version, which its publish or unpublish moves, and a
  translation's too (cms.changes.dependents.objects_shown_by);
- the intervention bank (/insatser/): the shared version, the bank's
  languages (its filter offers them) and the interventions' lists it
  shows: narrowed to one municipality (whatever else narrows it), that
  municipality's lists, which only the publishes of interventions serving
  it, or having served it, move (cms.changes.list_membership); else the
  list version of interventions, which every intervention's publish
  moves. The bank's view says which municipalities it narrowed to
  (`request.bank_municipalities`, the values its form accepted);
- every other page (the region's start page, organisation, news, meeting
  and project pages, the other listings, the sitemap): the content version,
  which every change moves. They show several kinds at once (a start page:
  categories, news and meetings; a meeting page: its minutes).

The shared version moves with every change that may show anywhere:
organisations, categories, languages, people, groups, regions, moves,
deletions, view restrictions and reviews. So publishing one intervention
leaves every other intervention's page in the cache, and the news and
meeting pages keyed by the content version are rendered again as before."""

from cms.changes.list_membership import BANK_LANGUAGES, list_kinds
from cms.changes.log import object_stable_id
from cms.changes.version import (
    SHARED_KEY,
    VERSION_KEY,
    list_version_key,
    object_version_key,
)
from cms.infra.clocks import DAY
from cms.models import InterventionPage

# The clocks a page follows besides the versions: it is rendered again when
# the period changes (web.caching).
QUARTER = "quarter"  # SAMVERKAN_WEB["TIME_BUCKET_SECONDS"]: coming meetings

# Listings of the public site (web.urls) that show one kind only.
LISTINGS = {"web:interventions": "intervention"}


def page_depends_on(request, page) -> list[str]:
    """The version keys of what this response shows: `page` is the Wagtail
    page served, None for a listing of web.urls."""
    if isinstance(page, InterventionPage):
        return [SHARED_KEY, object_version_key(object_stable_id(page))]
    match = getattr(request, "resolver_match", None)
    kind = LISTINGS.get(match.view_name) if page is None and match else None
    if kind is not None:
        narrowed = getattr(request, "bank_municipalities", [])
        kinds = [*list_kinds(kind, narrowed), BANK_LANGUAGES]
        return [SHARED_KEY, *map(list_version_key, kinds)]
    return [VERSION_KEY]


def page_clock(request, page) -> str:
    """The clock this response follows: the day for an intervention's page
    and the bank (what they show of the date, closures to come and review
    states, moves with the day), the quarter-hour for the rest (a start
    page, calendar, organisation or group page shows coming meetings)."""
    if isinstance(page, InterventionPage):
        return DAY
    match = getattr(request, "resolver_match", None)
    if page is None and match is not None and match.view_name in LISTINGS:
        return DAY
    return QUARTER
