"""Server errors: a database that cannot be reached (restarting, failing
over) is a 503 with Retry-After, so partners and proxies know to come back
shortly, instead of a bare 500. Installed as `handler500` in config/urls.py;
Django calls it inside its exception handler, so the error is at hand."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults

RETRY_AFTER_SECONDS = 10
DATA_PREFIXES = ("/api/", "/feeds/")


def server_error(request):
    error = sys.exc_info()[1]
    if not isinstance(error, (OperationalError, InterfaceError)):
        return defaults.server_error(request)
    message = _("The service is briefly unavailable. Please try again shortly.")
    if request.path.startswith(DATA_PREFIXES):
        response = JsonResponse({"detail": message}, status=503)
    else:
        response = HttpResponse(message, status=503, content_type="text/plain")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
