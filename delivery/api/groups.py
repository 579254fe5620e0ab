"""Groups and people in the delivery API (/api/v1/groups/, /api/v1/people/):
who sits in which group of the collaboration, in which role.

Only what the public may know: groups of live, public regions; the people
who hold a seat in one of them today, at a published, public organisation
(cms.selectors.people_public); name, title, organisation and seats, and
e-mail and phone only of a person marked public (`Person.is_public`)."""

import uuid

import django_filters
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema

from django.db.models import Prefetch, Q
from django.http import Http404
from rest_framework import serializers, viewsets

from cms import selectors
from cms.models import CollaborationGroup, GroupKind, MembershipRole, Person
from delivery.api.pagination import StableCursorPagination
from delivery.api.regions import region_of_request
from delivery.api.serializers import OrganisationRefSerializer

# -- serializers ----------------------------------------------------------


class RegionRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField(source="title")


class GroupSummarySerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    slug = serializers.CharField()
    name = serializers.CharField()


class PersonSummarySerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    name = serializers.CharField()
    title = serializers.CharField()
    organisation = OrganisationRefSerializer()


class MemberSerializer(serializers.Serializer):
    """A seat in a group, seen from the group."""

    person = PersonSummarySerializer()
    role = serializers.ChoiceField(choices=MembershipRole.choices)
    since = serializers.DateField(allow_null=True)
    until = serializers.DateField(allow_null=True)


class SeatSerializer(serializers.Serializer):
    """A seat in a group, seen from the person."""

    group = GroupSummarySerializer()
    role = serializers.ChoiceField(choices=MembershipRole.choices)
    since = serializers.DateField(allow_null=True)
    until = serializers.DateField(allow_null=True)


class GroupSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid")
    region = RegionRefSerializer()
    members = MemberSerializer(
        many=True,
        source="public_members",
        help_text="Today's members whose organisation is public.",
    )

    class Meta:
        model = CollaborationGroup
        fields = ["id", "slug", "name", "kind", "description", "region", "members"]


class PersonSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid")
    organisation = OrganisationRefSerializer()
    email = serializers.SerializerMethodField(
        help_text="E-mail address when the person agreed to publish it, else empty."
    )
    phone = serializers.SerializerMethodField(
        help_text="Phone number when the person agreed to publish it, else empty."
    )
    groups = SeatSerializer(
        many=True, source="public_seats", help_text="The person's seats today."
    )

    class Meta:
        model = Person
        fields = ["id", "name", "title", "organisation", "email", "phone", "groups"]

    def get_email(self, person) -> str:
        return person.email if person.is_public else ""

    def get_phone(self, person) -> str:
        return person.phone if person.is_public else ""


# -- filters --------------------------------------------------------------


def _by_id_or_slug(value: str, *, slug_field: str = "slug") -> Q:
    try:
        return Q(uuid=uuid.UUID(value))
    except ValueError:
        return Q(**{slug_field: value})


class GroupFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=GroupKind.choices)
    region = django_filters.CharFilter(
        field_name="region__slug", help_text="The region's slug."
    )

    class Meta:
        model = CollaborationGroup
        fields = []


class PersonFilter(django_filters.FilterSet):
    organisation = django_filters.CharFilter(
        method="filter_organisation", help_text="The organisation's slug or id."
    )
    group = django_filters.CharFilter(
        method="filter_group", help_text="A group the person sits in: slug or id."
    )
    region = django_filters.CharFilter(
        method="filter_region", help_text="People seated in a group of this region."
    )

    class Meta:
        model = Person
        fields = []

    def filter_organisation(self, queryset, name, value):
        try:
            match = Q(organisation__translation_key=uuid.UUID(value))
        except ValueError:
            match = Q(organisation__slug=value)
        return queryset.filter(match)

    def filter_group(self, queryset, name, value):
        groups = selectors.groups_public().filter(_by_id_or_slug(value))
        seats = selectors.memberships_public().filter(group__in=groups)
        return queryset.filter(pk__in=seats.values("person_id"))

    def filter_region(self, queryset, name, value):
        seats = selectors.memberships_public().filter(group__region__slug=value)
        return queryset.filter(pk__in=seats.values("person_id"))


# -- views ----------------------------------------------------------------


class _StableIdMixin:
    """Detail by stable id (UUID), or by slug where the model has one and
    it names exactly one object."""

    lookup_field = "lookup"
    slug_field: str | None = "slug"

    def get_object(self):
        value = self.kwargs["lookup"]
        try:
            matches = self.get_queryset().filter(uuid=uuid.UUID(value))
        except ValueError:
            if self.slug_field is None:
                raise Http404 from None
            matches = self.get_queryset().filter(**{self.slug_field: value})
        objects = list(matches[:2])
        if len(objects) != 1:
            raise Http404
        return objects[0]


def _detail_schema(description: str):
    return extend_schema(
        parameters=[
            OpenApiParameter(
                "lookup", str, OpenApiParameter.PATH, description=description
            )
        ]
    )


class GroupViewSet(_StableIdMixin, viewsets.ReadOnlyModelViewSet):
    """The groups of the collaboration (steering, preparatory and working
    groups, networks) with today's members."""

    serializer_class = GroupSerializer
    pagination_class = StableCursorPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = GroupFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return CollaborationGroup.objects.none()
        members = (
            selectors.memberships_public()
            .select_related("person", "person__organisation")
            .order_by("sort_order", "pk")
        )
        groups = selectors.groups_public()
        if (region := region_of_request(self.request)) is not None:
            groups = groups.filter(region=region)
        return groups.select_related("region").prefetch_related(
            Prefetch("memberships", queryset=members, to_attr="public_members")
        )

    @_detail_schema("The stable id (UUID), or the slug when only one region has it.")
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


class PersonViewSet(_StableIdMixin, viewsets.ReadOnlyModelViewSet):
    """The people who sit in a group today, with their seats."""

    serializer_class = PersonSerializer
    pagination_class = StableCursorPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = PersonFilter
    slug_field = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Person.objects.none()
        seats = (
            selectors.memberships_public()
            .select_related("group")
            .order_by("group__name", "pk")
        )
        people = selectors.people_public()
        if (region := region_of_request(self.request)) is not None:
            people = people.filter(organisation__path__startswith=region.path)
        return people.select_related("organisation").prefetch_related(
            Prefetch("memberships", queryset=seats, to_attr="public_seats")
        )

    @_detail_schema("The stable id (UUID).")
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)
