"""The views of the HSDS API."""

import datetime
import uuid

from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from cms import selectors
from cms.models import InterventionCategory
from delivery.api.filters import InterventionFilter
from delivery.api.languages import RequestLanguageMixin, source_pages, translated
from delivery.api.regions import region_scoped
from delivery.hsds.conf import HSDS_VERSION, conf
from delivery.hsds.ids import TAXONOMY_ID, taxonomy_term_id
from delivery.hsds.organizations import (
    OrganizationDetailSerializer,
    OrganizationSerializer,
)
from delivery.hsds.pagination import paginate
from delivery.hsds.service_detail import ServiceDetailSerializer
from delivery.hsds.services import ServiceListSerializer
from delivery.hsds.taxonomy import TaxonomyTermSerializer, taxonomy


class HsdsRootView(APIView):
    """What this API is: HSDS 3.0, its profile and OpenAPI description."""

    def get(self, request):
        return Response(
            {
                "version": HSDS_VERSION,
                "profile": conf("PROFILE_URL"),
                "openapi_url": conf("OPENAPI_URL"),
            }
        )


class LanguageMixin(RequestLanguageMixin):
    """Texts in the language asked for (`?locale=` or Accept-Language, as
    the delivery API: delivery.api.languages), else in Swedish; lists and ids
    run over the Swedish pages."""

    def in_language(self, pages, *, queryset, id_field):
        return translated(
            pages, queryset=queryset, language=self.language, id_field=id_field
        )


def organisations_context(pages):
    """The organization of each service: its provider, else its owner (the
    parent page), if public; loaded in two queries for all pages."""
    public = {
        organisation.pk: organisation
        for organisation in selectors.organisations_published().filter(
            Q(pk__in={page.provider_id for page in pages if page.provider_id})
            | Q(path__in={page.path[: -page.steplen] for page in pages})
        )
    }
    by_path = {organisation.path: organisation for organisation in public.values()}

    def organisation_of(page):
        provider = public.get(page.provider_id)
        return provider or by_path.get(page.path[: -page.steplen])

    def owner_is_public(page) -> bool:
        return page.path[: -page.steplen] in by_path

    return {"organisation_of": organisation_of, "owner_is_public": owner_is_public}


class ServiceListView(LanguageMixin, APIView):
    """Services, with their one-to-one fields and organization."""

    def get(self, request):
        services = self.filter(
            request,
            region_scoped(source_pages(selectors.interventions_published()), request),
        )
        services = services.prefetch_related(None).order_by("pk")
        return Response(
            paginate(
                request,
                services,
                ServiceListSerializer,
                organisations_context,
                in_language=lambda pages: self.in_language(
                    pages,
                    queryset=selectors.interventions_published(),
                    id_field="uuid",
                ),
            )
        )

    def filter(self, request, services):
        params = request.query_params
        if modified_after := params.get("modified_after"):
            services = services.filter(last_published_at__gte=_moment(modified_after))
        if search := params.get("search", "").strip():
            services = InterventionFilter().filter_text(services, "search", search)
        if term := params.get("taxonomy_term_id"):
            slugs = [
                category.slug
                for category in InterventionCategory.objects.only("slug")
                if taxonomy_term_id(category) == term.strip().lower()
            ]
            services = services.filter(category__slug__in=slugs)
        wanted = params.get("taxonomy_id")
        if wanted and wanted.strip().lower() != str(TAXONOMY_ID):
            services = services.none()
        if organization := params.get("organization_id"):
            services = services.filter(_provided_by(organization))
        return services


def _moment(value: str) -> datetime.datetime:
    moment = parse_datetime(value.strip().replace(" ", "+"))
    if moment is None and (day := parse_date(value.strip())):
        moment = datetime.datetime.combine(day, datetime.time())
    if moment is None:
        raise ValidationError({"modified_after": _("An ISO 8601 date and time.")})
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _provided_by(value: str) -> Q:
    """Services whose organization (provider, else owner) has this id."""
    try:
        key = uuid.UUID(value.strip())
    except ValueError:
        return Q(pk__in=[])
    organisation = (
        source_pages(selectors.organisations_published())
        .filter(translation_key=key)
        .first()
    )
    if organisation is None:
        return Q(pk__in=[])
    owned = Q(path__startswith=organisation.path, depth=organisation.depth + 1)
    return Q(provider=organisation) | (Q(provider__isnull=True) & owned)


class ServiceDetailView(LanguageMixin, APIView):
    """A fully nested service by its id."""

    def get(self, request, id):
        published = selectors.interventions_published()
        (page,) = self.in_language(
            [_by_uuid(region_scoped(source_pages(published), request), "uuid", id)],
            queryset=published,
            id_field="uuid",
        )
        context = organisations_context([page])
        return Response(ServiceDetailSerializer(page, context=context).data)


class OrganizationListView(LanguageMixin, APIView):
    """Organizations, basic information."""

    def get(self, request):
        organisations = region_scoped(
            source_pages(selectors.organisations_published()), request
        ).order_by("pk")
        for word in request.query_params.get("search", "").split()[:8]:
            organisations = organisations.filter(
                Q(title__icontains=word) | Q(description__icontains=word)
            )
        return Response(
            paginate(
                request,
                organisations,
                OrganizationSerializer,
                in_language=lambda pages: self.in_language(
                    pages,
                    queryset=selectors.organisations_published(),
                    id_field="translation_key",
                ),
            )
        )


class OrganizationDetailView(LanguageMixin, APIView):
    def get(self, request, id):
        published = selectors.organisations_published()
        (organisation,) = self.in_language(
            [
                _by_uuid(
                    region_scoped(source_pages(published), request),
                    "translation_key",
                    id,
                )
            ],
            queryset=published,
            id_field="translation_key",
        )
        return Response(OrganizationDetailSerializer(organisation).data)


class TaxonomyListView(APIView):
    def get(self, request):
        return Response(
            {
                "total_items": 1,
                "total_pages": 1,
                "page_number": 1,
                "size": 1,
                "first_page": True,
                "last_page": True,
                "empty": False,
                "contents": [taxonomy()],
            }
        )


class TaxonomyDetailView(APIView):
    def get(self, request, id):
        if id.strip().lower() != str(TAXONOMY_ID):
            raise Http404
        return Response(taxonomy())


class TaxonomyTermListView(LanguageMixin, APIView):
    """The categories as taxonomy terms (ids for `taxonomy_term_id`)."""

    def get(self, request):
        categories = InterventionCategory.objects.order_by("sort_order", "name", "pk")
        wanted = request.query_params.get("taxonomy_id")
        if wanted and wanted.strip().lower() != str(TAXONOMY_ID):
            categories = categories.none()
        for word in request.query_params.get("search", "").split()[:8]:
            categories = categories.filter(
                Q(name__icontains=word) | Q(description__icontains=word)
            )
        context = {"language": self.language}
        return Response(
            paginate(
                request, categories, TaxonomyTermSerializer, context=lambda _i: context
            )
        )


class TaxonomyTermDetailView(LanguageMixin, APIView):
    def get(self, request, id):
        context = {"language": self.language}
        for category in InterventionCategory.objects.all():
            if taxonomy_term_id(category) == id.strip().lower():
                return Response(TaxonomyTermSerializer(category, context=context).data)
        raise Http404


def _by_uuid(queryset, field, value):
    try:
        key = uuid.UUID(value)
    except ValueError as error:
        raise Http404 from error
    found = queryset.filter(**{field: key}).first()
    if found is None:
        raise Http404
    return found
