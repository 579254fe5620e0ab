"""Serializers of the delivery API (/api/v1/)."""

from django.utils import timezone
from rest_framework import serializers

from cms.models import (
    InterventionClosure,
    InterventionLocation,
    InterventionOpeningTime,
    InterventionPage,
    Language,
    OrganisationPage,
)
from cms.review import review_state


class OrganisationRefSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="translation_key")
    slug = serializers.CharField()
    name = serializers.CharField(source="title")


class MunicipalityRefSerializer(OrganisationRefSerializer):
    municipality_code = serializers.CharField()


class OrganisationSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="translation_key")
    name = serializers.CharField(source="title")
    is_member = serializers.BooleanField()
    modified_at = serializers.DateTimeField(source="last_published_at")

    class Meta:
        model = OrganisationPage
        fields = [
            "id",
            "slug",
            "name",
            "kind",
            "org_number",
            "municipality_code",
            "website",
            "email",
            "phone",
            "description",
            "is_member",
            "member_since",
            "member_until",
            "modified_at",
        ]


class LanguageSerializer(serializers.ModelSerializer):
    class Meta:
        model = Language
        fields = ["code", "name", "native_name"]


class LocationSerializer(serializers.ModelSerializer):
    class Meta:
        model = InterventionLocation
        fields = [
            "name",
            "street_address",
            "postal_code",
            "city",
            "latitude",
            "longitude",
        ]


class OpeningTimeSerializer(serializers.ModelSerializer):
    class Meta:
        model = InterventionOpeningTime
        fields = ["weekday", "opens", "closes", "note"]


class ClosureSerializer(serializers.ModelSerializer):
    class Meta:
        model = InterventionClosure
        fields = ["start_date", "end_date", "recurs_yearly", "reason"]


class InterventionSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid")
    category = serializers.SerializerMethodField()
    organisation = serializers.SerializerMethodField()
    provider = OrganisationRefSerializer(allow_null=True)
    service_area = MunicipalityRefSerializer(many=True)
    languages = LanguageSerializer(many=True)
    locations = LocationSerializer(many=True)
    opening_times = OpeningTimeSerializer(many=True)
    closures = ClosureSerializer(many=True)
    contact = serializers.SerializerMethodField()
    review_status = serializers.SerializerMethodField()
    modified_at = serializers.DateTimeField(source="last_published_at")

    class Meta:
        model = InterventionPage
        fields = [
            "id",
            "slug",
            "title",
            "summary",
            "description",
            "category",
            "status",
            "organisation",
            "provider",
            "eligibility",
            "min_age",
            "max_age",
            "establishment_programme",
            "service_area",
            "languages",
            "delivery_mode",
            "locations",
            "start_date",
            "end_date",
            "schedule_note",
            "opening_times",
            "closures",
            "capacity",
            "how_to_apply",
            "cost_description",
            "exchange_terms",
            "price_per_participant",
            "places_for_others",
            "contact",
            "completeness",
            "last_reviewed_at",
            "next_review_due",
            "review_status",
            "modified_at",
        ]

    def get_category(self, page) -> dict:
        return {"slug": page.category.slug, "name": page.category.name}

    def get_organisation(self, page) -> dict:
        organisations = self.context.get("organisations_by_path", {})
        organisation = organisations.get(page.path[: -page.steplen])
        if organisation is None:
            return None
        return OrganisationRefSerializer(organisation).data

    def get_contact(self, page) -> dict:
        person = page.contact_person
        return {
            "name": person.name if person else "",
            "title": person.title if person else "",
            "email": page.contact_email or (person.email if person else ""),
            "phone": page.contact_phone or (person.phone if person else ""),
        }

    def get_review_status(self, page) -> str:
        return review_state(due=page.next_review_due, today=timezone.localdate())
