"""Admin views of personal data: export and erasure of a person (from the
people listing) and of a suggester (from the suggesters listing). Each
object is looked up within the user's scope: an editor reaches the people
and suggesters of their own organisation, a central administrator those of
their region."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cms.models import Suggester
from cms.personal_data import services
from cms.personal_data.conf import personal_data_setting
from cms.scoping.permissions import editable_pages_q
from cms.scoping.selectors import people_editable_by


def _json_download(data: dict, *, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _person(request, pk: int, permission: str):
    if not request.user.has_perm(f"samverkan_cms.{permission}_person"):
        raise PermissionDenied
    return get_object_or_404(people_editable_by(user=request.user), pk=pk)


def person_export(request, pk: int):
    person = _person(request, pk, "change")
    return _json_download(
        services.person_export(person=person), filename=f"person-{person.pk}.json"
    )


@require_http_methods(["GET", "POST"])
def person_erase(request, pk: int):
    person = _person(request, pk, "delete")
    reasons = services.person_erasure_blockers(person=person)
    if request.method == "POST" and not reasons:
        name = person.name
        services.person_erase(person=person)
        messages.success(
            request, _("All data about %(name)s has been erased.") % {"name": name}
        )
        return redirect("wagtailsnippets_samverkan_cms_person:list")
    return TemplateResponse(
        request,
        "samverkan_cms/personal_data/erase.html",
        {
            "header_title": _("Erase %(name)s") % {"name": person.name},
            "subject": person.name,
            "what": _(
                "The person, their seats in groups and the review reminders sent "
                "to them are deleted. This cannot be undone."
            ),
            "reasons": reasons,
            "export_url": reverse("samverkan_person_export", args=(person.pk,)),
        },
    )


def suggesters_visible_to(user):
    return Suggester.objects.filter(
        editable_pages_q(user, field="page")
    ).select_related("page")


def suggester_list(request):
    return TemplateResponse(
        request,
        "samverkan_cms/personal_data/suggesters.html",
        {
            "header_title": _("Suggesters"),
            "suggesters": suggesters_visible_to(request.user)[:500],
            "retention_days": personal_data_setting("SUGGESTER_RETENTION_DAYS"),
        },
    )


def suggester_export(request, pk: int):
    suggester = get_object_or_404(suggesters_visible_to(request.user), pk=pk)
    return _json_download(
        services.suggester_export(suggester=suggester),
        filename=f"suggester-{suggester.pk}.json",
    )


@require_http_methods(["GET", "POST"])
def suggester_erase(request, pk: int):
    suggester = get_object_or_404(suggesters_visible_to(request.user), pk=pk)
    if request.method == "POST":
        services.suggester_erase(suggester=suggester)
        messages.success(
            request,
            _("The suggester's name and e-mail address have been erased."),
        )
        return redirect("samverkan_suggesters")
    return TemplateResponse(
        request,
        "samverkan_cms/personal_data/erase.html",
        {
            "header_title": _("Erase %(name)s") % {"name": suggester.name},
            "subject": suggester.name,
            "what": _(
                "The suggester's name and e-mail address are deleted. The "
                "suggested intervention stays. This cannot be undone."
            ),
            "reasons": [],
            "export_url": reverse("samverkan_suggester_export", args=(suggester.pk,)),
        },
    )
