"""Oversized requests are refused with 413 before their body is read.

Django itself refuses a non-file body over DATA_UPLOAD_MAX_MEMORY_SIZE (and
more than DATA_UPLOAD_MAX_NUMBER_FIELDS fields) with 400 when it is parsed,
but streams file uploads to disk whatever their size; Wagtail checks an
image's or document's size only after the upload. This middleware looks at
Content-Length first: a multipart upload may be up to
SAMVERKAN_MAX_REQUEST_BYTES, any other body up to
DATA_UPLOAD_MAX_MEMORY_SIZE. (Under WSGI a body without Content-Length is
not read at all.) The reverse proxy should set the same limit.

It also answers 400 to an address whose path or query holds a NUL byte
(`%00`): PostgreSQL text cannot hold one, so every filter, search or lookup
that passed it on was a 500 there. (Form fields refuse it themselves.)
"""

from django.conf import settings
from django.http import JsonResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from cms.conf import max_request_bytes


def request_size_limit(request) -> int | None:
    """The largest body this request may have (None: no limit)."""
    content_type = request.META.get("CONTENT_TYPE", "")
    if content_type.startswith("multipart/form-data"):
        return max_request_bytes()
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return JsonResponse(
                {"detail": _("The address holds a character that is not allowed.")},
                status=400,
            )
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = request_size_limit(request)
        if limit is not None and length > limit:
            return JsonResponse(
                {
                    "detail": _(
                        "The request is too large (%(size)s); at most %(limit)s "
                        "is accepted."
                    )
                    % {"size": filesizeformat(length), "limit": filesizeformat(limit)}
                },
                status=413,
            )
        return self.get_response(request)
