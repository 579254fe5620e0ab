"""HSDS pagination of list responses."""

import math

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from delivery.hsds.conf import conf


def paginate(request, queryset, serializer, context=None, in_language=None):
    """HSDS pagination: `page` (from 1) and `per_page` (capped). The page's
    items go through `in_language` (translations swapped in) when given."""
    page_number = _positive_int(request, "page", 1)
    per_page = min(
        _positive_int(request, "per_page", conf("PER_PAGE")), conf("MAX_PER_PAGE")
    )
    total = queryset.count()
    start = (page_number - 1) * per_page
    items = list(queryset[start : start + per_page]) if start < total else []
    if in_language is not None:
        items = in_language(items)
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
