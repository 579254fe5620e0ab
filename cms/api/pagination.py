from rest_framework.pagination import CursorPagination


class StableCursorPagination(CursorPagination):
    """Cursor pagination on the primary key: stable while content changes
    between pages (nothing skipped, nothing repeated)."""

    ordering = "pk"
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class NewestFirstCursorPagination(StableCursorPagination):
    """News, newest first; the primary key breaks ties between days."""

    ordering = ("-date", "-pk")


class SoonestFirstCursorPagination(StableCursorPagination):
    """Meetings in the order they start; the primary key breaks ties."""

    ordering = ("starts_at", "pk")
