from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from django.urls import path

from cms.api.conditional import conditional_cached
from cms.api.views import (
    EventViewSet,
    InterventionViewSet,
    NewsViewSet,
    OrganisationViewSet,
)

app_name = "api-v1"

LIST = {"get": "list"}
DETAIL = {"get": "retrieve"}

urlpatterns = [
    path(
        "interventions/",
        conditional_cached(InterventionViewSet.as_view(LIST), time_bucket_seconds=3600),
        name="intervention-list",
    ),
    path(
        "interventions/<str:lookup>/",
        conditional_cached(
            InterventionViewSet.as_view(DETAIL), time_bucket_seconds=3600
        ),
        name="intervention-detail",
    ),
    path(
        "organisations/",
        conditional_cached(OrganisationViewSet.as_view(LIST)),
        name="organisation-list",
    ),
    path(
        "organisations/<str:lookup>/",
        conditional_cached(OrganisationViewSet.as_view(DETAIL)),
        name="organisation-detail",
    ),
    path(
        "news/",
        conditional_cached(NewsViewSet.as_view(LIST)),
        name="news-list",
    ),
    path(
        "news/<str:lookup>/",
        conditional_cached(NewsViewSet.as_view(DETAIL)),
        name="news-detail",
    ),
    path(
        "events/",
        conditional_cached(EventViewSet.as_view(LIST)),
        name="event-list",
    ),
    path(
        "events/<str:lookup>/",
        conditional_cached(EventViewSet.as_view(DETAIL)),
        name="event-detail",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/", SpectacularSwaggerView.as_view(url_name="api-v1:schema"), name="docs"
    ),
]
