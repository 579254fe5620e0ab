"""Views of the delivery API (/api/v1/): only live, public content."""

import uuid

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view

from django.http import Http404
from rest_framework import viewsets
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response
from rest_framework.views import APIView

from cms import selectors
from cms.content import front_ends
from cms.content.prefetching import prefetch_many
from cms.models import InterventionPage, MeetingPage, NewsPage, OrganisationPage
from delivery.api.filters import (
    EventFilter,
    InterventionFilter,
    NewsFilter,
    OrganisationFilter,
)
from delivery.api.fragments import FRAGMENT_KINDS, fragments_assemble
from delivery.api.languages import (
    LOCALE_PARAMETER,
    RequestLanguageMixin,
    source_pages,
    translated,
    translations_by_key,
)
from delivery.api.news_serializers import (
    EventSerializer,
    NewsSerializer,
    body_images_and_documents,
)
from delivery.api.pagination import (
    NewestFirstCursorPagination,
    SoonestFirstCursorPagination,
    StableCursorPagination,
)
from delivery.api.regions import REGION_PARAMETER, region_scoped
from delivery.api.serializers import InterventionSerializer, OrganisationSerializer
from delivery.jsonld import JSONLDRenderer, jsonld_for

LOOKUP = OpenApiParameter(
    "lookup",
    str,
    OpenApiParameter.PATH,
    description="The stable id (UUID) or the slug.",
)


LOCALE = OpenApiParameter(
    LOCALE_PARAMETER,
    str,
    OpenApiParameter.QUERY,
    description=(
        "The language to serve, a content language's code (e.g. ar, en, so). "
        "Objects without a published translation come in Swedish, the "
        "source; `locale` of each object says which. Without it, "
        "Accept-Language chooses, else Swedish. An unknown code is a 400 "
        "that lists the codes."
    ),
)


def detail_schema(serializer_class):
    """The detail's OpenAPI description: JSON by the serializer, or
    schema.org JSON-LD (an open object) by `?format=jsonld` or Accept."""
    return extend_schema(
        parameters=[LOOKUP, LOCALE, REGION_PARAMETER],
        responses={
            (200, "application/json"): serializer_class,
            (200, "application/ld+json"): OpenApiTypes.OBJECT,
        },
    )


class StableIdOrSlugMixin:
    """Detail by stable id (UUID) or by slug (when the slug is unique)."""

    lookup_field = "lookup"
    uuid_field = "uuid"

    def get_renderers(self):
        renderers = super().get_renderers()
        if getattr(self, "action", None) == "retrieve":
            renderers.append(JSONLDRenderer())
        return renderers

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        data = self.representation(instance)
        if request.accepted_renderer.format == JSONLDRenderer.format:
            # The public page when there is one, else this API address.
            url = data.get("url") or request.build_absolute_uri(request.path)
            return Response(jsonld_for(instance, data, url=url))
        return Response(data)

    def representation(self, instance) -> dict:
        return self.get_serializer(instance).data

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


class BuiltFragmentsMixin:
    """Lists and details assembled from stored representations
    (delivery.api.fragments): the serializer runs only for objects whose
    current version was not built yet. A detail's related rows are loaded
    only then too (ParentOrganisationsMixin loads them for what is built).
    The kind stored follows the viewset's `model` (FRAGMENT_KINDS)."""

    @property
    def fragment_kind(self) -> str:
        return FRAGMENT_KINDS[self.model]

    def get_queryset(self):
        queryset = super().get_queryset()
        if getattr(self, "action", None) == "retrieve":
            self._prefetch_lookups = queryset._prefetch_related_lookups
            queryset = queryset.prefetch_related(None)
        return queryset

    def list(self, request, *args, **kwargs):
        pages = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.representations(pages))

    def representation(self, instance) -> dict:
        return self.representations([instance])[0]

    def representations(self, pages) -> list:
        return fragments_assemble(
            pages=pages,
            kind=self.fragment_kind,
            stable_ids=[getattr(page, self.uuid_field) for page in pages],
            language=self.language,
            origin=self.request.build_absolute_uri("/"),
            build=lambda missing: self.get_serializer(missing, many=True).data,
        )


class LanguageMixin(RequestLanguageMixin):
    """Serves each object in the language the request asks for
    (delivery.api.languages). Lists, filters, cursors and lookups run over the
    Swedish source pages; the page of results (or the object) is then
    swapped for its published translations, in one query, before anything
    is loaded for serialising. Subclasses give `model` and `published()`."""

    model = None

    def published(self):
        raise NotImplementedError

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return self.model.objects.none()
        # The request's region narrows the objects; their translations are
        # found by translation key (they live below the region's
        # translation).
        return region_scoped(
            source_pages(self.published()), self.request
        ).select_related("locale")

    def in_language(self, pages) -> list:
        return translated(
            pages,
            queryset=self.published().select_related("locale"),
            language=self.language,
            id_field=self.uuid_field,
        )

    def paginate_queryset(self, queryset):
        pages = super().paginate_queryset(queryset)
        return None if pages is None else self.in_language(pages)

    def get_object(self):
        source = super().get_object()
        (page,) = self.in_language([source])
        if page is not source:
            # Load for the translation what the source had loaded.
            self._prefetch_lookups = self.published()._prefetch_related_lookups
        return page

    def get_serializer(self, *args, **kwargs):
        if args:
            pages = args[0] if isinstance(args[0], list | tuple) else [args[0]]
            self._translations_by_key = translations_by_key(
                pages, queryset=self.published()
            )
        return super().get_serializer(*args, **kwargs)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["translations_by_key"] = getattr(self, "_translations_by_key", {})
        return context


class ParentOrganisationsMixin:
    """Loads the owning organisations of the pages being serialised in one
    query (they are the pages' parents in the tree) and passes them to the
    serializer as `organisations_by_path`. A list page's related rows are
    loaded by cms.content.prefetching once the page is cut, instead of by Django's
    prefetch_related (which costs more than serialising the page)."""

    def paginate_queryset(self, queryset):
        self._prefetch_lookups = queryset._prefetch_related_lookups
        return super().paginate_queryset(queryset.prefetch_related(None))

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["organisations_by_path"] = getattr(self, "_organisations_by_path", {})
        return context

    def get_serializer(self, *args, **kwargs):
        if args:
            pages = self._pages_of(args[0])
            paths = {
                page.path[: -page.steplen] for page in pages if hasattr(page, "path")
            }
            self._organisations_by_path = {
                organisation.path: organisation
                for organisation in selectors.organisations_published().filter(
                    path__in=paths
                )
            }
            prefetch_many(pages, *getattr(self, "_prefetch_lookups", ()))
            self.load_for_serializer(pages)
        return super().get_serializer(*args, **kwargs)

    @staticmethod
    def _pages_of(instance):
        return list(instance) if isinstance(instance, list | tuple) else [instance]

    def load_for_serializer(self, pages):
        """Hook: load more for these pages in a fixed number of queries."""


@extend_schema_view(
    list=extend_schema(parameters=[LOCALE, REGION_PARAMETER]),
    retrieve=detail_schema(InterventionSerializer),
)
class InterventionViewSet(
    BuiltFragmentsMixin,
    LanguageMixin,
    ParentOrganisationsMixin,
    StableIdOrSlugMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Interventions of the bank."""

    serializer_class = InterventionSerializer
    pagination_class = StableCursorPagination
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = InterventionFilter
    ordering_fields = ["pk"]

    model = InterventionPage

    def published(self):
        return selectors.interventions_published()


@extend_schema_view(
    list=extend_schema(parameters=[LOCALE, REGION_PARAMETER]),
    retrieve=detail_schema(OrganisationSerializer),
)
class OrganisationViewSet(
    BuiltFragmentsMixin,
    LanguageMixin,
    StableIdOrSlugMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Member and partner organisations."""

    serializer_class = OrganisationSerializer
    pagination_class = StableCursorPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = OrganisationFilter
    uuid_field = "translation_key"

    model = OrganisationPage

    def published(self):
        return selectors.organisations_published()


@extend_schema_view(
    list=extend_schema(parameters=[LOCALE, REGION_PARAMETER]),
    retrieve=detail_schema(NewsSerializer),
)
class NewsViewSet(
    BuiltFragmentsMixin,
    LanguageMixin,
    ParentOrganisationsMixin,
    StableIdOrSlugMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """News of the collaboration and its partners, newest first."""

    serializer_class = NewsSerializer
    pagination_class = NewestFirstCursorPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = NewsFilter
    uuid_field = "translation_key"

    model = NewsPage

    def published(self):
        return selectors.news_public()

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["images_by_id"] = getattr(self, "_images_by_id", {})
        context["documents_by_id"] = getattr(self, "_documents_by_id", {})
        return context

    def load_for_serializer(self, pages):
        # The images and documents of every body, one query each.
        self._images_by_id, self._documents_by_id = body_images_and_documents(
            [page for page in pages if isinstance(page, NewsPage)]
        )


@extend_schema_view(
    list=extend_schema(parameters=[LOCALE, REGION_PARAMETER]),
    retrieve=detail_schema(EventSerializer),
)
class EventViewSet(
    BuiltFragmentsMixin,
    LanguageMixin,
    ParentOrganisationsMixin,
    StableIdOrSlugMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Meetings of the collaboration groups, in the order they start.
    Cancelled meetings are listed with status `cancelled`; minutes appear only
    once approved."""

    serializer_class = EventSerializer
    pagination_class = SoonestFirstCursorPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = EventFilter
    uuid_field = "translation_key"

    model = MeetingPage

    def published(self):
        return selectors.meetings_public()


PREVIEW_SERIALIZERS = {
    InterventionPage: ("intervention", InterventionSerializer),
    NewsPage: ("news", NewsSerializer),
    MeetingPage: ("event", EventSerializer),
    OrganisationPage: ("organisation", OrganisationSerializer),
}


class DraftPreviewView(APIView):
    """The draft a region's own front end previews: the admin's preview of
    a page of that region links to the front end with a signed token that
    lives 30 minutes (cms.content.front_ends); the front end exchanges it here for
    the draft in the API's shape. Never cached."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "token", str, required=True, description="From the preview link."
            )
        ],
        responses={(200, "application/json"): OpenApiTypes.OBJECT},
    )
    def get(self, request):
        page = front_ends.preview_page(request.query_params.get("token", ""))
        if page is None:
            raise Http404
        kind, serializer_class = PREVIEW_SERIALIZERS.get(type(page), (None, None))
        if serializer_class is None:
            data = {
                "title": page.title,
                "slug": page.slug,
                "url": page.get_full_url(request),
            }
            kind = page._meta.model_name
        else:
            data = serializer_class(page, context={"request": request}).data
        response = Response({"type": kind, "draft": True, "item": data})
        response["Cache-Control"] = "private, no-store"
        return response
