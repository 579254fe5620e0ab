from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from django.urls import include, path

from cms.infra.clocks import DAY
from delivery.api.changes import ChangesView
from delivery.api.conditional import conditional_cached
from delivery.api.groups import GroupViewSet, PersonViewSet
from delivery.api.views import (
    DraftPreviewView,
    EventViewSet,
    InterventionViewSet,
    NewsViewSet,
    OrganisationViewSet,
)

app_name = "api-v1"

LIST = {"get": "list"}
DETAIL = {"get": "retrieve"}


def list_and_detail(prefix, viewset, name, **cache_options):
    """The list and detail routes of a read-only viewset, each behind the
    conditional GET and response cache."""
    return [
        path(
            f"{prefix}/",
            conditional_cached(viewset.as_view(LIST), **cache_options),
            name=f"{name}-list",
        ),
        path(
            f"{prefix}/<str:lookup>/",
            conditional_cached(viewset.as_view(DETAIL), **cache_options),
            name=f"{name}-detail",
        ),
    ]


# What partners read: at /api/v1/ for every region, and again below each
# region's own root, /api/v1/regions/<slug>/ (delivery.api.regions).
partner_urlpatterns = [
    # Review status depends on today's date: ETags move with the local date.
    # Objects of a kind: a detail follows its object, a list its kind.
    *list_and_detail(
        "interventions",
        InterventionViewSet,
        "intervention",
        clock=DAY,
        kind="intervention",
        by_municipality=True,  # ?municipality= narrows the list
    ),
    *list_and_detail(
        "organisations", OrganisationViewSet, "organisation", kind="organisation"
    ),
    *list_and_detail("news", NewsViewSet, "news", kind="news"),
    *list_and_detail("events", EventViewSet, "event", kind="event"),
    # Seats are held "today": ETags move with the date, as for interventions.
    *list_and_detail("groups", GroupViewSet, "group", clock=DAY),
    *list_and_detail("people", PersonViewSet, "person", clock=DAY),
    path("changes/", conditional_cached(ChangesView.as_view()), name="changes"),
]

urlpatterns = [
    *partner_urlpatterns,
    path("regions/<slug:region>/", include(partner_urlpatterns)),
    path("preview/", DraftPreviewView.as_view(), name="preview"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/", SpectacularSwaggerView.as_view(url_name="api-v1:schema"), name="docs"
    ),
]
