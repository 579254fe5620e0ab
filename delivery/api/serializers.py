"""Serializers of the delivery API (/api/v1/)."""

from drf_spectacular.utils import extend_schema_field

from django.utils import timezone
from rest_framework import serializers

from cms.content.html import link_url, rich_text_html
from cms.models import (
    InterventionClosure,
    InterventionLocation,
    InterventionOpeningTime,
    InterventionPage,
    Language,
    OrganisationPage,
)
from cms.reviews.dates import api_review_status


class ModifiedAtField(serializers.DateTimeField):
    """When the page was last published; null if it never went through
    publishing (created live by code)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "last_published_at")
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault(
            "help_text",
            "When it was last published; null if it never went through publishing.",
        )
        super().__init__(**kwargs)


class LinkField(serializers.CharField):
    """An address that a partner puts into an href: http(s) or mailto only,
    else empty, whatever reached the database."""

    def to_representation(self, value):
        return link_url(value)


def public_organisation_ids(context: dict) -> set[int]:
    """The published, public organisations, loaded once per serializer
    context (a request, a sync batch)."""
    ids = context.get("public_organisation_ids")
    if ids is None:
        from cms import selectors

        ids = set(selectors.organisations_published().values_list("pk", flat=True))
        context["public_organisation_ids"] = ids
    return ids


class TranslationLinkSerializer(serializers.Serializer):
    locale = serializers.CharField(help_text="A language code, e.g. ar.")
    url = serializers.URLField(help_text="This object in that language.")


class LanguageFieldsMixin(serializers.Serializer):
    """`locale` (the language this representation is in: the one asked
    for, else Swedish) and `translations` (every language the object is
    published in, with the address that serves it). The view passes the
    languages of all objects it serialises in `translations_by_key` (one
    query); without them they are read for the one object."""

    locale = serializers.SerializerMethodField(
        help_text="The language of this representation (the one asked for, "
        "else Swedish, the source)."
    )
    translations = serializers.SerializerMethodField(
        help_text="Every language the object is published in (its own "
        "included), each with the address that serves it."
    )
    language_fields = ["locale", "translations"]
    api_route = ""
    stable_id_attribute = "translation_key"

    def get_locale(self, page) -> str:
        return page.locale.language_code

    @extend_schema_field(TranslationLinkSerializer(many=True))
    def get_translations(self, page) -> list:
        from delivery.api.languages import translation_links, translations_by_key

        by_key = self.context.get("translations_by_key")
        if by_key is None:
            by_key = translations_by_key([page], queryset=self.published_pages())
        return translation_links(
            languages=by_key.get(page.translation_key, [page.locale.language_code]),
            route=self.api_route,
            stable_id=getattr(page, self.stable_id_attribute),
            request=self.context.get("request"),
        )

    @staticmethod
    def published_pages():
        raise NotImplementedError


class OrganisationRefSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="translation_key")
    slug = serializers.CharField()
    name = serializers.CharField(source="title")


class MunicipalityRefSerializer(OrganisationRefSerializer):
    municipality_code = serializers.CharField()


class OrganisationSerializer(LanguageFieldsMixin, serializers.ModelSerializer):
    id = serializers.UUIDField(source="translation_key")
    name = serializers.CharField(source="title")
    is_member = serializers.BooleanField()
    # Plain strings: empty when unknown (a URL/e-mail format would make "" fail).
    website = LinkField(help_text="Website address (http, https), or empty.")
    email = serializers.CharField(help_text="E-mail address, or empty.")
    modified_at = ModifiedAtField()

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
            *LanguageFieldsMixin.language_fields,
        ]

    api_route = "api-v1:organisation-detail"

    @staticmethod
    def published_pages():
        from cms import selectors

        return selectors.organisations_published()


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


@extend_schema_field({"type": "string", "format": "uri", "nullable": True})
class PublicUrlField(serializers.Field):
    """The page's public address: on the built-in site or on its region's
    own front end (cms.content.front_ends); null when the page has none."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault(
            "help_text",
            "The page's public address (the region's website), or null.",
        )
        super().__init__(**kwargs)

    def to_representation(self, page):
        # Its path names the owner organisation: none while that one is a
        # draft or private (the serializers' organisations are public ones).
        owners = self.context.get("organisations_by_path")
        if owners is not None and page.path[: -page.steplen] not in owners:
            return None
        return page.get_full_url(self.context.get("request"))


class InterventionSerializer(LanguageFieldsMixin, serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid")
    category = serializers.SerializerMethodField()
    organisation = serializers.SerializerMethodField()
    provider = serializers.SerializerMethodField()
    service_area = MunicipalityRefSerializer(many=True)
    languages = LanguageSerializer(many=True)
    locations = LocationSerializer(many=True)
    opening_times = OpeningTimeSerializer(many=True, source="opening_times_shown")
    closures = ClosureSerializer(many=True)
    contact = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField(
        help_text="HTML, cleaned: safe to insert into a page."
    )
    review_status = serializers.SerializerMethodField()
    url = PublicUrlField()
    modified_at = ModifiedAtField()

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
            "url",
            "modified_at",
            *LanguageFieldsMixin.language_fields,
        ]

    api_route = "api-v1:intervention-detail"
    stable_id_attribute = "uuid"

    @staticmethod
    def published_pages():
        from cms import selectors

        return selectors.interventions_published()

    def get_category(self, page) -> dict:
        # In the page's language (the one asked for, else Swedish).
        name = page.category.name_in(page.locale.language_code)
        return {"slug": page.category.slug, "name": name}

    @extend_schema_field(OrganisationRefSerializer(allow_null=True))
    def get_organisation(self, page) -> dict | None:
        organisations = self.context.get("organisations_by_path", {})
        organisation = organisations.get(page.path[: -page.steplen])
        if organisation is None:
            return None
        return OrganisationRefSerializer(organisation).data

    @extend_schema_field(OrganisationRefSerializer(allow_null=True))
    def get_provider(self, page) -> dict | None:
        # Only a published, public organisation is named.
        if page.provider_id not in public_organisation_ids(self.context):
            return None
        return OrganisationRefSerializer(page.provider).data

    def get_description(self, page) -> str:
        return rich_text_html(page.description)

    def get_contact(self, page) -> dict:
        person = page.contact_person
        return {
            "name": person.name if person else "",
            "title": person.title if person else "",
            "email": page.contact_email or (person.email if person else ""),
            "phone": page.contact_phone or (person.phone if person else ""),
        }

    def get_review_status(self, page) -> str:
        # `overdue` from the review ladder's overdue step (30 days by default).
        return api_review_status(due=page.next_review_due, today=timezone.localdate())


# News and meetings ----------------------------------------------------------


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if request is not None and url else url


def _parent_organisation(serializer, page):
    organisations = serializer.context.get("organisations_by_path", {})
    organisation = organisations.get(page.path[: -page.steplen])
    if organisation is None:
        return None
    return OrganisationRefSerializer(organisation).data


class InterventionRefSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    title = serializers.CharField()
