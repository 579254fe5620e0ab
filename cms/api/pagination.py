from rest_framework.pagination import CursorPagination


class StableCursorPagination(CursorPagination):
    """Cursor pagination on the primary key: stable while content changes
    between pages (nothing skipped, nothing repeated)."""

    ordering = "pk"
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

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
