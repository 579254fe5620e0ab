from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination

# What SQLite and PostgreSQL can compare with a bigint primary key.
_BIGINT = range(-(2**63), 2**63)


class StableCursorPagination(CursorPagination):
    """Cursor pagination on the primary key: stable while content changes
    between pages (nothing skipped, nothing repeated).

    A forged or garbled cursor is a 400 (DRF answers 404 for one it cannot
    decode and hands a decoded position to the database unchecked, where a
    wrong type or an out-of-range number was a 500)."""

    ordering = "pk"
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    invalid_cursor_message = "Invalid cursor."

    def paginate_queryset(self, queryset, request, view=None):
        self._model = queryset.model
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            raise ValidationError({"cursor": self.invalid_cursor_message}) from None
        if cursor is not None and cursor.offset >= self.offset_cutoff:
            # DRF clamps a larger offset silently: none we hand out is.
            raise ValidationError({"cursor": self.invalid_cursor_message})
        if cursor is not None and cursor.position is not None:
            self._position_check(cursor.position)
        return cursor

    def _position_check(self, position: str) -> None:
        ordering = self.ordering if isinstance(self.ordering, str) else self.ordering[0]
        name = ordering.lstrip("-")
        model = getattr(self, "_model", None)
        if model is None:
            return
        field = model._meta.pk if name == "pk" else model._meta.get_field(name)
        while field.is_relation:  # a page's pk is its link to wagtailcore.Page
            field = field.target_field
        try:
            value = field.to_python(position)
        except (DjangoValidationError, ValueError, TypeError, OverflowError):
            raise ValidationError({"cursor": self.invalid_cursor_message}) from None
        if "\x00" in position or (
            isinstance(field, models.IntegerField) and value not in _BIGINT
        ):
            raise ValidationError({"cursor": self.invalid_cursor_message})

    def get_paginated_response_schema(self, schema):
        link = {"type": ["string", "null"], "format": "uri"}  # OpenAPI 3.1
        return {
            "type": "object",
            "required": ["results"],
            "properties": {
                "next": {**link, "description": "The next page; null on the last."},
                "previous": {
                    **link,
                    "description": "The previous page; null on the first.",
                },
                "results": schema,
            },
        }


class NewestFirstCursorPagination(StableCursorPagination):
    """News, newest first; the primary key breaks ties between days."""

    ordering = ("-date", "-pk")


class SoonestFirstCursorPagination(StableCursorPagination):
    """Meetings in the order they start; the primary key breaks ties."""

    ordering = ("starts_at", "pk")
