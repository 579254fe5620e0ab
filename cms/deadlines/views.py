"""The deadlines calendar: the private feed, and the admin page where a
central administrator makes or revokes their link (thin: services in
cms.deadlines.feed)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wagtail.admin import messages

from cms.deadlines.feed import (
    deadline_feed_calendar,
    deadline_feed_token_create,
    deadline_feed_token_revoke,
    deadline_feed_url,
    deadline_feed_user,
)
from cms.models import DeadlineFeedToken
from cms.viewsets.deadlines import user_sees_deadlines_report


@require_GET
def deadlines_ics(request, token):
    user = deadline_feed_user(token=token)
    if user is None:
        raise Http404
    response = HttpResponse(
        deadline_feed_calendar(user=user), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="rapporteringsdatum.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "POST"])
def deadline_calendar_admin(request):
    if not user_sees_deadlines_report(request.user):
        raise PermissionDenied
    url = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            deadline_feed_token_revoke(user=request.user)
            messages.success(request, _("The calendar link no longer works."))
            return redirect("samverkan_deadlines_calendar")
        url = deadline_feed_url(token=deadline_feed_token_create(user=request.user))
    existing = DeadlineFeedToken.objects.filter(user=request.user).first()
    response = TemplateResponse(
        request,
        "samverkan_cms/deadlines/calendar.html",
        {
            "page_title": _("Calendar of reporting deadlines"),
            "header_icon": "date",
            "url": url,
            "existing": existing,
            "report_url": reverse("samverkan_deadlines"),
        },
    )
    response["Cache-Control"] = "no-store"
    return response
