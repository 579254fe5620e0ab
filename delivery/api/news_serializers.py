"""Serializers of the news and events (meetings) the delivery API serves,
with the StreamField body they share."""

from drf_spectacular.utils import extend_schema_field

from django.utils import timezone
from rest_framework import serializers

from cms.content.html import rich_text_html
from cms.models import (
    MeetingPage,
    NewsPage,
)
from delivery.api.serializers import (
    InterventionRefSerializer,
    LanguageFieldsMixin,
    LinkField,
    ModifiedAtField,
    OrganisationRefSerializer,
    PublicUrlField,
    _absolute,
    _parent_organisation,
)


class ImageBlockSerializer(serializers.Serializer):
    url = serializers.CharField()
    alt = serializers.CharField()


class BodyBlockSerializer(serializers.Serializer):
    """One block of a news body. `value` depends on `type`: `text` an HTML
    string; `image` {url, alt}; `quote` {text, attribution}; `document`
    {title, url}; `embed` {url}."""

    type = serializers.ChoiceField(
        choices=["text", "image", "quote", "document", "embed"]
    )
    id = serializers.CharField()
    value = serializers.JSONField()


def body_images_and_documents(pages) -> tuple[dict, dict]:
    """The images and documents the bodies of these pages use, each loaded in
    one query for all of them, by id."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    image_ids, document_ids = set(), set()
    for page in pages:
        for block in page.body.raw_data:
            value = block.get("value")
            if block.get("type") == "image":
                image_ids.add(value.get("image") if isinstance(value, dict) else value)
            elif block.get("type") == "document" and isinstance(value, dict):
                document_ids.add(value.get("document"))
    image_ids.discard(None)
    document_ids.discard(None)
    images = (
        {
            image.pk: image
            for image in get_image_model().objects.filter(pk__in=image_ids)
        }
        if image_ids
        else {}
    )
    documents = (
        {
            document.pk: document
            for document in get_document_model().objects.filter(pk__in=document_ids)
        }
        if document_ids
        else {}
    )
    return images, documents


def render_body(page, *, images: dict, documents: dict, request=None) -> list:
    """The body as JSON blocks, from the stored data (no query per block)."""
    rendered = []
    for block in page.body.raw_data:
        kind, value = block.get("type"), block.get("value")
        if kind == "text":
            value = rich_text_html(value)
        elif kind == "image":
            struct = value if isinstance(value, dict) else {"image": value}
            image = images.get(struct.get("image"))
            if image is None:
                continue
            if struct.get("decorative"):
                alt = ""
            else:
                alt = struct.get("alt_text") or image.default_alt_text or ""
            value = {"url": _absolute(request, image.file.url), "alt": alt}
        elif kind == "quote":
            value = {
                "text": (value or {}).get("text", ""),
                "attribution": (value or {}).get("attribution", ""),
            }
        elif kind == "document":
            document = documents.get((value or {}).get("document"))
            if document is None:
                continue
            value = {
                "title": (value or {}).get("title") or document.title,
                "url": _absolute(request, document.url),
            }
        elif kind == "embed":
            value = {"url": value or ""}
        else:
            continue
        rendered.append({"type": kind, "id": block.get("id") or "", "value": value})
    return rendered


class NewsSerializer(LanguageFieldsMixin, serializers.ModelSerializer):
    id = serializers.UUIDField(source="translation_key")
    body = serializers.SerializerMethodField()
    organisation = serializers.SerializerMethodField()
    tags = serializers.SerializerMethodField()
    related_interventions = InterventionRefSerializer(many=True)
    related_organisations = OrganisationRefSerializer(many=True)
    url = PublicUrlField()
    modified_at = ModifiedAtField()

    class Meta:
        model = NewsPage
        fields = [
            "id",
            "slug",
            "title",
            "date",
            "lead",
            "body",
            "organisation",
            "tags",
            "related_interventions",
            "related_organisations",
            "url",
            "modified_at",
            *LanguageFieldsMixin.language_fields,
        ]

    api_route = "api-v1:news-detail"

    @staticmethod
    def published_pages():
        from cms import selectors

        return selectors.news_published()

    @extend_schema_field(BodyBlockSerializer(many=True))
    def get_body(self, page) -> list:
        return render_body(
            page,
            images=self.context.get("images_by_id", {}),
            documents=self.context.get("documents_by_id", {}),
            request=self.context.get("request"),
        )

    @extend_schema_field(OrganisationRefSerializer(allow_null=True))
    def get_organisation(self, page) -> dict | None:
        return _parent_organisation(self, page)

    def get_tags(self, page) -> list[str]:
        return sorted(tag.name for tag in page.tags.all())


class GroupRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()


class MinutesDocumentSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField()


class MinutesSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="HTML.")
    document = MinutesDocumentSerializer(allow_null=True)
    approved_on = serializers.DateField()


class LocalDateTimeField(serializers.DateTimeField):
    """ISO 8601 with the offset of Swedish local time (+01:00 or +02:00)."""

    def to_representation(self, value):
        return timezone.localtime(value).isoformat() if value else None


class EventSerializer(LanguageFieldsMixin, serializers.ModelSerializer):
    id = serializers.UUIDField(source="translation_key")
    group = GroupRefSerializer()
    online_url = LinkField(
        help_text="Link to the online meeting (http, https), or empty."
    )
    starts_at = LocalDateTimeField()
    ends_at = LocalDateTimeField()
    agenda = serializers.SerializerMethodField()
    minutes = serializers.SerializerMethodField()
    organisation = serializers.SerializerMethodField()
    url = PublicUrlField()
    modified_at = ModifiedAtField()

    class Meta:
        model = MeetingPage
        fields = [
            "id",
            "slug",
            "title",
            "group",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "agenda",
            "status",
            "minutes",
            "organisation",
            "url",
            "modified_at",
            *LanguageFieldsMixin.language_fields,
        ]

    api_route = "api-v1:event-detail"

    @staticmethod
    def published_pages():
        from cms import selectors

        return selectors.meetings_public()

    def get_agenda(self, meeting) -> str:
        return rich_text_html(meeting.agenda)

    @extend_schema_field(MinutesSerializer(allow_null=True))
    def get_minutes(self, meeting) -> dict | None:
        # Only through the selector: nothing of unapproved minutes leaks.
        from cms import selectors

        minutes = selectors.meeting_published_minutes(meeting)
        if minutes is None:
            return None
        document = minutes["document"]
        return {
            "text": rich_text_html(minutes["text"]),
            "document": (
                {
                    "title": document.title,
                    "url": _absolute(self.context.get("request"), document.url),
                }
                if document is not None
                else None
            ),
            "approved_on": minutes["approved_on"].isoformat(),
        }

    @extend_schema_field(OrganisationRefSerializer(allow_null=True))
    def get_organisation(self, meeting) -> dict | None:
        return _parent_organisation(self, meeting)
