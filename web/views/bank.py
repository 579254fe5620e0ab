"""The intervention bank on the public site (/insatser/): free-text search,
filters, result count and pagination in one GET form. The number of queries
does not grow with the number of results."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from cms import selectors
from web.forms import InterventionSearchForm
from web.regions import region_or_404

PER_PAGE = 20


def intervention_bank(request):
    region = region_or_404(request)
    form = InterventionSearchForm(request.GET, region=region)
    filters = form.filters()
    # What the page cache keys the answer by (web.cache_dependencies).
    request.bank_municipalities = filters["municipalities"]
    interventions = selectors.interventions_filtered(
        selectors.interventions_in_bank(region=region), **filters
    ).order_by("title", "pk")
    paginator = Paginator(interventions, PER_PAGE)
    page = paginator.get_page(request.GET.get("sida"))
    results = list(page.object_list)
    owners = selectors.organisations_owning(results)
    for intervention in results:
        # Empty provider: the owning organisation provides it.
        intervention.shown_provider = intervention.provider or owners[intervention.path]
    context = {
        "region": region,
        "form": form,
        "results": results,
        "page_obj": page,
        "count": paginator.count,
        "active_filters": [
            (label, _query_without(request, name, value))
            for name, value, label in form.active_filters()
        ],
        "query_for_pages": _query_without(request, "sida", None),
    }
    return TemplateResponse(request, "web/interventions.html", context)


def _query_without(request, name: str, value: str | None) -> str:
    """The request's query string without one value of a parameter (every
    value when `value` is None), and back on the first result page."""
    query = request.GET.copy()
    query.pop("sida", None)
    if value is None:
        query.pop(name, None)
    else:
        query.setlist(name, [item for item in query.getlist(name) if item != value])
    return query.urlencode()
