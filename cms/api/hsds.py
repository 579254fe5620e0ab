"""The Open Referral HSDS 3 view of the intervention bank (/api/hsds/).

Read-only and public content only (the same selectors as the delivery API).
Property names follow the HSDS 3.0 schemas exactly; values that are unknown
are left out rather than sent as null, since the schemas do not allow null.

Every object has a stable `id`: a service is its intervention's `uuid`, an
organization its page's `translation_key`, and every nested object a UUIDv5
of HSDS_NAMESPACE and "<owner id>:<kind>:<our stable key>", so ids never
change between requests (nor between publishes, as long as the row they come
from is kept)."""

import datetime
import math
import re
import uuid
from html import unescape

from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from cms import selectors
from cms.api.filters import InterventionFilter
from cms.models import ExchangeTerms, InterventionCategory, InterventionStatus

HSDS_VERSION = "3.0"
# Namespace of every derived id. Never change it: partners store the ids.
HSDS_NAMESPACE = uuid.UUID("77132fe9-c617-4b1a-a529-9857f58186bd")
TAXONOMY_ID = uuid.uuid5(HSDS_NAMESPACE, "taxonomy:samverkan-intervention-categories")

DEFAULTS = {
    "PROFILE_URL": "https://docs.openreferral.org/en/latest/hsds/",
    "OPENAPI_URL": (
        "https://raw.githubusercontent.com/openreferral/specification/3.0/"
        "schema/openapi.json"
    ),
    # Addresses require a state or province; we do not know the county of a
    # location, so this is empty unless an installation sets it.
    "STATE_PROVINCE": "",
    # Where the public reads a service, e.g. a partner portal's
    # "https://portal.example.se/insatser/{slug}/" ({id} and {slug} are
    # filled in). Samverkan is headless: without it services have no url.
    "SERVICE_URL": None,
    "COUNTRY": "SE",
    "CURRENCY": "SEK",
    "PER_PAGE": 50,
    "MAX_PER_PAGE": 100,
}

STATUS = {
    InterventionStatus.ACTIVE: "active",
    InterventionStatus.TEMPORARILY_CLOSED: "temporarily closed",
    InterventionStatus.ENDED: "defunct",
}

BYDAY = {1: "MO", 2: "TU", 3: "WE", 4: "TH", 5: "FR", 6: "SA", 7: "SU"}


def conf(name):
    return getattr(settings, "SAMVERKAN_HSDS", {}).get(name, DEFAULTS[name])


def derived_id(owner, kind: str, key="") -> str:
    """A stable UUIDv5 for a nested object of `kind` under `owner`."""
    return str(uuid.uuid5(HSDS_NAMESPACE, f"{owner}:{kind}:{key}"))


def taxonomy_term_id(category) -> str:
    return str(uuid.uuid5(HSDS_NAMESPACE, f"taxonomy_term:{category.slug}"))


def compact(data: dict) -> dict:
    """Leave out unknown values (None, empty strings); callers add back the
    keys the schema requires."""
    return {key: value for key, value in data.items() if value not in (None, "")}


def plain_text(richtext: str) -> str:
    text = re.sub(r"(</(p|h\d|li|blockquote)>|<br\s*/?>)", r"\1\n", richtext or "")
    text = unescape(strip_tags(text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def _date(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return value.isoformat()


def _service_url(page) -> str | None:
    template = conf("SERVICE_URL")
    return template.format(id=page.uuid, slug=page.slug) if template else None


def _time(value) -> str:
    return value.strftime("%H:%M")


def _number(value):
    return None if value is None else float(value)


# Organizations


class OrganizationSerializer(serializers.BaseSerializer):
    """An HSDS organization (list form, also nested in a service)."""

    def to_representation(self, organisation):
        return compact(
            {
                "id": str(organisation.translation_key),
                "name": organisation.title,
                "description": organisation.description,
                "email": organisation.email,
                "website": organisation.website,
            }
        ) | {"description": organisation.description}


class OrganizationDetailSerializer(OrganizationSerializer):
    def to_representation(self, organisation):
        data = super().to_representation(organisation)
        org_id = data["id"]
        if organisation.phone:
            data["phones"] = [
                {
                    "id": derived_id(org_id, "phone"),
                    "organization_id": org_id,
                    "number": organisation.phone,
                }
            ]
        if organisation.org_number:
            data["organization_identifiers"] = [
                {
                    "id": derived_id(org_id, "organization_identifier", "SE-ON"),
                    "organization_id": org_id,
                    "identifier_scheme": "SE-ON",
                    "identifier_type": "Organisationsnummer",
                    "identifier": organisation.org_number,
                }
            ]
        return data


# Services


class ServiceListSerializer(serializers.BaseSerializer):
    """A service with its one-to-one fields and its organization."""

    def to_representation(self, page):
        service_id = str(page.uuid)
        organisation = self.context["organisation_of"](page)
        person = page.contact_person
        data = compact(
            {
                "id": service_id,
                "organization_id": (
                    str(organisation.translation_key) if organisation else None
                ),
                "name": page.title,
                "description": "\n\n".join(
                    part
                    for part in (page.summary, plain_text(page.description))
                    if part
                ),
                "url": _service_url(page),
                "email": page.contact_email or (person.email if person else None),
                "status": STATUS.get(page.status, "inactive"),
                "application_process": page.how_to_apply,
                "fees_description": page.cost_description,
                "eligibility_description": page.eligibility,
                "minimum_age": page.min_age,
                "maximum_age": page.max_age,
                "assured_date": _date(page.last_reviewed_at),
                "last_modified": (
                    page.last_published_at.isoformat()
                    if page.last_published_at
                    else None
                ),
            }
        )
        if organisation is not None:
            data["organization"] = OrganizationSerializer(organisation).data
        return data


class ServiceDetailSerializer(ServiceListSerializer):
    """A fully nested service."""

    def to_representation(self, page):
        data = super().to_representation(page)
        sid = data["id"]
        data["phones"] = self.phones(page, sid)
        data["schedules"] = self.schedules(page, sid)
        data["service_areas"] = [
            {
                "id": derived_id(sid, "service_area", area.translation_key),
                "service_id": sid,
                "name": area.title,
            }
            for area in page.service_area.all()
        ]
        data["service_at_locations"] = self.service_at_locations(page, sid)
        data["languages"] = [
            compact(
                {
                    "id": derived_id(sid, "language", language.code),
                    "service_id": sid,
                    "name": language.name,
                    "code": language.code,
                }
            )
            for language in page.languages.all()
        ]
        data["cost_options"] = self.cost_options(page, sid)
        data["contacts"] = self.contacts(page, sid)
        data["attributes"] = [self.category_attribute(page, sid)]
        return data

    def phones(self, page, sid):
        if not page.contact_phone:
            return []
        return [
            {
                "id": derived_id(sid, "phone"),
                "service_id": sid,
                "number": page.contact_phone,
                "type": "voice",
            }
        ]

    def schedules(self, page, sid):
        valid = {
            "valid_from": _date(page.start_date),
            "valid_to": _date(page.end_date),
        }
        attending = {
            "on_site": _("In person"),
            "remote": _("Remotely"),
            "mixed": _("In person or remotely"),
        }.get(page.delivery_mode)
        schedules = []
        for opening in page.opening_times.all():
            schedules.append(
                compact(
                    {
                        "id": derived_id(sid, "schedule:opening_time", opening.pk),
                        "service_id": sid,
                        **valid,
                        "freq": "WEEKLY",
                        "wkst": "MO",
                        "byday": BYDAY[opening.weekday],
                        "opens_at": _time(opening.opens),
                        "closes_at": _time(opening.closes),
                        "description": opening.note,
                        "attending_type": attending,
                        "notes": page.schedule_note,
                    }
                )
            )
        if not schedules and (page.start_date or page.end_date or page.schedule_note):
            schedules.append(
                compact(
                    {
                        "id": derived_id(sid, "schedule:period"),
                        "service_id": sid,
                        **valid,
                        "description": page.schedule_note,
                        "attending_type": attending,
                    }
                )
            )
        for closure in page.closures.all():
            closed = _("Closed every year") if closure.recurs_yearly else _("Closed")
            schedules.append(
                {
                    "id": derived_id(sid, "schedule:closure", closure.pk),
                    "service_id": sid,
                    "valid_from": _date(closure.start_date),
                    "valid_to": _date(closure.end_date),
                    "description": (
                        f"{closed}: {closure.reason}" if closure.reason else closed
                    ),
                }
            )
        return schedules

    def service_at_locations(self, page, sid):
        result = []
        for place in page.locations.all():
            location_id = derived_id(sid, "location", place.pk)
            location = compact(
                {
                    "id": location_id,
                    "location_type": "physical",
                    "name": place.name,
                    "latitude": _number(place.latitude),
                    "longitude": _number(place.longitude),
                }
            )
            location["addresses"] = [
                {
                    "id": derived_id(sid, "address", place.pk),
                    "location_id": location_id,
                    "address_1": place.street_address,
                    "city": place.city,
                    "state_province": conf("STATE_PROVINCE"),
                    "postal_code": place.postal_code,
                    "country": conf("COUNTRY"),
                    "address_type": "physical",
                }
            ]
            result.append(
                {
                    "id": derived_id(sid, "service_at_location", place.pk),
                    "service_id": sid,
                    "location_id": location_id,
                    "location": location,
                }
            )
        return result

    def cost_options(self, page, sid):
        buy = (ExchangeTerms.BUY, ExchangeTerms.BUY_OR_SWAP)
        if page.exchange_terms not in buy or page.price_per_participant is None:
            return []
        return [
            {
                "id": derived_id(sid, "cost_option", "price_per_participant"),
                "service_id": sid,
                "option": _("Place bought by another municipality"),
                "currency": conf("CURRENCY"),
                "amount": float(page.price_per_participant),
                "amount_description": _("per participant"),
            }
        ]

    def contacts(self, page, sid):
        person = page.contact_person
        if person is None:
            return []
        contact_id = derived_id(sid, "contact")
        contact = compact(
            {
                "id": contact_id,
                "service_id": sid,
                "name": person.name,
                "title": person.title,
                "email": person.email,
            }
        )
        if person.phone:
            contact["phones"] = [
                {
                    "id": derived_id(sid, "contact:phone"),
                    "contact_id": contact_id,
                    "number": person.phone,
                }
            ]
        return [contact]

    def category_attribute(self, page, sid):
        category = page.category
        term_id = taxonomy_term_id(category)
        return {
            "id": derived_id(sid, "attribute:category"),
            "link_id": sid,
            "link_type": "category",
            "link_entity": "service",
            "taxonomy_term_id": term_id,
            "taxonomy_term": TaxonomyTermSerializer(category).data,
        }


# Taxonomy


def taxonomy() -> dict:
    """Our one taxonomy: the intervention bank's categories."""
    return {
        "id": str(TAXONOMY_ID),
        "name": _("Intervention categories"),
        "description": _("The categories of the Samverkan intervention bank."),
    }


class TaxonomyTermSerializer(serializers.BaseSerializer):
    def to_representation(self, category):
        return compact(
            {
                "id": taxonomy_term_id(category),
                "code": category.slug,
                "name": category.name,
                "taxonomy_id": str(TAXONOMY_ID),
                "language": "sv",
            }
        ) | {"description": category.description}


# Pagination


def paginate(request, queryset, serializer, context=None):
    """HSDS pagination: `page` (from 1) and `per_page` (capped)."""
    page_number = _positive_int(request, "page", 1)
    per_page = min(
        _positive_int(request, "per_page", conf("PER_PAGE")), conf("MAX_PER_PAGE")
    )
    total = queryset.count()
    start = (page_number - 1) * per_page
    items = list(queryset[start : start + per_page]) if start < total else []
    context = context(items) if context else {}
    total_pages = math.ceil(total / per_page)
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page_number,
        "size": len(items),
        "first_page": page_number == 1,
        "last_page": page_number >= total_pages,
        "empty": not items,
        "contents": [serializer(item, context=context).data for item in items],
    }


def _positive_int(request, name, default):
    value = request.query_params.get(name)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise ValidationError({name: _("A positive whole number.")})
    return number


# Views


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

    return {"organisation_of": organisation_of}


class ServiceListView(APIView):
    """Services, with their one-to-one fields and organization."""

    def get(self, request):
        services = self.filter(request, selectors.interventions_published())
        services = services.prefetch_related(None).order_by("pk")
        return Response(
            paginate(request, services, ServiceListSerializer, organisations_context)
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
        selectors.organisations_published().filter(translation_key=key).first()
    )
    if organisation is None:
        return Q(pk__in=[])
    owned = Q(path__startswith=organisation.path, depth=organisation.depth + 1)
    return Q(provider=organisation) | (Q(provider__isnull=True) & owned)


class ServiceDetailView(APIView):
    """A fully nested service by its id."""

    def get(self, request, id):
        page = _by_uuid(selectors.interventions_published(), "uuid", id)
        context = organisations_context([page])
        return Response(ServiceDetailSerializer(page, context=context).data)


class OrganizationListView(APIView):
    """Organizations, basic information."""

    def get(self, request):
        organisations = selectors.organisations_published().order_by("pk")
        for word in request.query_params.get("search", "").split()[:8]:
            organisations = organisations.filter(
                Q(title__icontains=word) | Q(description__icontains=word)
            )
        return Response(paginate(request, organisations, OrganizationSerializer))


class OrganizationDetailView(APIView):
    def get(self, request, id):
        organisation = _by_uuid(
            selectors.organisations_published(), "translation_key", id
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


class TaxonomyTermListView(APIView):
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
        return Response(paginate(request, categories, TaxonomyTermSerializer))


class TaxonomyTermDetailView(APIView):
    def get(self, request, id):
        for category in InterventionCategory.objects.all():
            if taxonomy_term_id(category) == id.strip().lower():
                return Response(TaxonomyTermSerializer(category).data)
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
