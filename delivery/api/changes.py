"""The changes feed (/api/v1/changes/): the full current set, then every
change after it, resumable from a cursor the partner stores."""

from drf_spectacular.utils import OpenApiParameter, extend_schema

from django.urls import reverse
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.changes import log as changes
from cms.models import ChangeAction, ChangeObjectType
from delivery.api.languages import LOCALE_PARAMETER
from delivery.api.regions import (
    REGION_PARAMETER,
    region_of_request,
    region_translation_ids,
)

DETAIL_ROUTES = {
    ChangeObjectType.INTERVENTION: "api-v1:intervention-detail",
    ChangeObjectType.ORGANISATION: "api-v1:organisation-detail",
    ChangeObjectType.NEWS: "api-v1:news-detail",
    ChangeObjectType.EVENT: "api-v1:event-detail",
}
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


class ChangeSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="object_id", help_text="Stable id of the object.")
    type = serializers.ChoiceField(
        source="object_type", choices=ChangeObjectType.choices
    )
    action = serializers.ChoiceField(choices=ChangeAction.choices)
    locale = serializers.CharField(
        help_text="The language that changed (e.g. sv, ar): each language "
        "of an object has its own changes, under the object's one id."
    )
    version = serializers.IntegerField(
        help_text="Grows by one with every change of the object, in any language."
    )
    modified_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField(
        help_text="Where to read the object in that language; null for "
        "unpublished and deleted ones."
    )

    def get_url(self, change) -> str | None:
        if change.is_tombstone:
            return None
        path = reverse(DETAIL_ROUTES[change.object_type], args=[change.object_id])
        path += f"?{LOCALE_PARAMETER}={change.locale}"
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class ChangesPageSerializer(serializers.Serializer):
    items = ChangeSerializer(many=True)
    next_cursor = serializers.CharField(
        help_text="Store it and pass it as `cursor` next time."
    )
    has_more = serializers.BooleanField(
        help_text="True when more items can be read now with `next_cursor`."
    )
    snapshot = serializers.BooleanField(
        help_text="True while the items are the full current set (the first "
        "pages of a reader without a cursor)."
    )


class ChangesView(APIView):
    """Every create, update, unpublish and delete of published content, in
    commit order. Without a cursor the feed starts with the full current set
    (the newest version of every published object), then carries on with the
    changes after it. Unpublished and deleted objects come as tombstones
    (`action` `unpublished` or `deleted`, `url` null). A translation's
    changes carry the object's id and their own `locale`; a translation
    unpublished is a tombstone of that language only."""

    @extend_schema(
        parameters=[
            REGION_PARAMETER,
            OpenApiParameter(
                "cursor", str, description="The `next_cursor` of the last page read."
            ),
            OpenApiParameter(
                "limit",
                int,
                description=f"Items per page (default {DEFAULT_LIMIT}, at most {MAX_LIMIT}).",
            ),
        ],
        responses=ChangesPageSerializer,
    )
    def get(self, request):
        cursor = self._cursor(request)
        region = region_of_request(request)
        page = changes.changes_read(
            cursor=cursor,
            limit=self._limit(request),
            region_ids=region_translation_ids(region) if region else None,
        )
        data = ChangesPageSerializer(
            {
                "items": page.items,
                "next_cursor": page.next_cursor.encode(),
                "has_more": page.has_more,
                "snapshot": cursor.is_snapshot,
            },
            context={"request": request},
        ).data
        return Response(data)

    def _cursor(self, request) -> changes.ChangesCursor:
        token = request.query_params.get("cursor")
        if not token:
            return changes.changes_start()
        try:
            return changes.ChangesCursor.decode(token)
        except changes.InvalidCursor:
            raise ValidationError({"cursor": "Invalid cursor."}) from None

    def _limit(self, request) -> int:
        raw = request.query_params.get("limit", DEFAULT_LIMIT)
        try:
            limit = int(raw)
        except (TypeError, ValueError):
            raise ValidationError({"limit": "A whole number."}) from None
        if limit < 1:
            raise ValidationError({"limit": "At least 1."})
        return min(limit, MAX_LIMIT)
