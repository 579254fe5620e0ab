"""Views of the delivery API (/api/v1/): only live, public content."""

import uuid

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view

from django.http import Http404
from rest_framework import viewsets
from rest_framework.filters import OrderingFilter

from cms import selectors
from cms.api.filters import InterventionFilter, OrganisationFilter
from cms.api.pagination import StableCursorPagination
from cms.api.serializers import InterventionSerializer, OrganisationSerializer
from cms.models import InterventionPage, OrganisationPage

LOOKUP = OpenApiParameter(
    "lookup",
    str,
    OpenApiParameter.PATH,
    description="The stable id (UUID) or the slug.",
)


class StableIdOrSlugMixin:
    """Detail by stable id (UUID) or by slug (when the slug is unique)."""

    lookup_field = "lookup"
    uuid_field = "uuid"

    def get_object(self):
        value = self.kwargs["lookup"]
        queryset = self.get_queryset()
        try:
            matches = queryset.filter(**{self.uuid_field: uuid.UUID(value)})
        except ValueError:
            matches = queryset.filter(slug=value)
        objects = list(matches[:2])
        if len(objects) != 1:
            raise Http404
        return objects[0]


@extend_schema_view(retrieve=extend_schema(parameters=[LOOKUP]))
class InterventionViewSet(StableIdOrSlugMixin, viewsets.ReadOnlyModelViewSet):
    """Interventions of the bank."""

    serializer_class = InterventionSerializer
    pagination_class = StableCursorPagination
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = InterventionFilter
    ordering_fields = ["pk"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return InterventionPage.objects.none()
        return selectors.interventions_published()

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["organisations_by_path"] = getattr(self, "_organisations_by_path", {})
        return context

    def get_serializer(self, *args, **kwargs):
        # Load the owning organisations of the pages being serialised in one
        # query (they are the pages' parents in the tree).
        if args:
            pages = args[0] if isinstance(args[0], list | tuple) else [args[0]]
            paths = {
                page.path[: -page.steplen] for page in pages if hasattr(page, "path")
            }
            self._organisations_by_path = {
                organisation.path: organisation
                for organisation in OrganisationPage.objects.filter(path__in=paths)
            }
        return super().get_serializer(*args, **kwargs)


@extend_schema_view(retrieve=extend_schema(parameters=[LOOKUP]))
class OrganisationViewSet(StableIdOrSlugMixin, viewsets.ReadOnlyModelViewSet):
    """Member and partner organisations."""

    serializer_class = OrganisationSerializer
    pagination_class = StableCursorPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = OrganisationFilter
    uuid_field = "translation_key"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return OrganisationPage.objects.none()
        return selectors.organisations_published()
