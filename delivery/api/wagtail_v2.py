"""Wagtail's own API v2, kept for Wagtail-native consumers (/api/v2/).

Rich text leaves it through the delivery API's allowlist (cms.content.html), in
every field and every StreamField rich-text block, whatever
`?rich_text_format=` asks for: Wagtail's default returns the stored HTML as
it is."""

from rest_framework import serializers

from wagtail import blocks
from wagtail import fields as wagtail_fields
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from cms.content.html import rich_text_html

MAX_OFFSET = 2**31


class CleanRichTextField(serializers.CharField):
    def to_representation(self, value):
        return rich_text_html(str(getattr(value, "source", value) or ""))


def _clean_stream(block, value, context):
    """The block's API representation with every rich text cleaned."""
    if isinstance(block, blocks.RichTextBlock):
        return rich_text_html(getattr(value, "source", value) or "")
    if isinstance(block, blocks.StreamBlock):
        return [
            {
                "type": child.block_type,
                "value": _clean_stream(child.block, child.value, context),
                "id": child.id,
            }
            for child in value
        ]
    if isinstance(block, blocks.StructBlock):
        return {
            name: _clean_stream(child_block, value.get(name), context)
            for name, child_block in block.child_blocks.items()
        }
    if isinstance(block, blocks.ListBlock):
        return [_clean_stream(block.child_block, item, context) for item in value]
    return block.get_api_representation(value, context)


class CleanStreamField(serializers.Field):
    def to_representation(self, value):
        return _clean_stream(value.stream_block, value, self.context)


class CleanPageSerializer(PageSerializer):
    serializer_field_mapping = PageSerializer.serializer_field_mapping | {
        wagtail_fields.RichTextField: CleanRichTextField,
        wagtail_fields.StreamField: CleanStreamField,
    }


class BoundedPagination(WagtailPagination):
    """An offset past what the database compares was a 500."""

    def paginate_queryset(self, queryset, request, view=None):
        try:
            offset = int(request.GET.get("offset", 0))
        except ValueError:
            offset = 0  # Wagtail answers 400 itself
        if offset > MAX_OFFSET:
            raise BadRequestError("offset too large")
        return super().paginate_queryset(queryset, request, view)


class CleanPagesAPIViewSet(PagesAPIViewSet):
    base_serializer_class = CleanPageSerializer
    pagination_class = BoundedPagination


# Pages only: Wagtail's images and documents endpoints list every file,
# including those of private collections and unapproved meeting minutes.
api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", CleanPagesAPIViewSet)
