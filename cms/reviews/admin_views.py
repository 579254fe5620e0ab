"""The central administrators' review report in the Wagtail admin, with a
CSV download (the same figures as `manage.py review_report`)."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.infra.csv_export import csv_response, csv_variant
from cms.reviews.report import previous_quarters, quarter_of, report_rows, review_report
from cms.reviews.selectors import interventions_unowned
from cms.scoping.region_choice import region_choice_for
from cms.scoping.selectors import regions_administered_by


def user_sees_review_report(user) -> bool:
    """Central administrators (of any region) and superusers."""
    return user.is_active and (
        user.is_superuser or regions_administered_by(user=user).exists()
    )


def review_report_view(request):
    if not user_sees_review_report(request.user):
        raise PermissionDenied
    current = quarter_of(timezone.localdate())
    quarters = previous_quarters(current, 8)
    quarter = request.GET.get("quarter") or current
    if quarter not in quarters:
        quarter = current
    choice = region_choice_for(user=request.user, asked=request.GET.get("region"))
    region = choice.region
    report = review_report(quarter=quarter, region=region)
    if request.GET.get("format") == "html":  # the steering group's page
        return TemplateResponse(
            request,
            "samverkan_cms/reviews/report_page.html",
            {"report": report, "choice": choice},
        )
    if request.GET.get("format") == "csv":
        return csv_response(
            report_rows(report),
            filename=f"granskning-{_slug(region)}{report.quarter}.csv",
            variant=csv_variant(request),
        )
    return TemplateResponse(
        request,
        "samverkan_cms/reviews/report_admin.html",
        {
            "report": report,
            "unowned": interventions_unowned(
                organisation_paths=[region.path] if region is not None else None
            )[:200],
            "quarters": list(reversed(quarters)),
            "choice": choice,
            "page_title": _("Review report"),
            "header_title": _("Review report"),
            "header_icon": "tasks",
        },
    )


def _slug(region) -> str:
    return f"{region.slug}-" if region is not None else ""


@require_POST
def review_confirm_view(request, page_id):
    """The dashboard's "still correct" button on one of "My reviews due":
    records a review (confirmed unchanged) by the rule of
    user_may_mark_reviewed, if the entry has its required facts."""
    from django.contrib import messages
    from django.shortcuts import get_object_or_404, redirect
    from django.utils.http import url_has_allowed_host_and_scheme

    from cms.models import InterventionPage, ReviewMethod
    from cms.reviews.selectors import (
        intervention_missing_required,
        user_may_mark_reviewed,
    )
    from cms.reviews.services import interventions_review

    page = get_object_or_404(InterventionPage.objects.live(), pk=page_id)
    if not user_may_mark_reviewed(user=request.user, page=page):
        raise PermissionDenied
    missing = intervention_missing_required(page)
    if missing:
        messages.error(
            request,
            _("%(title)s cannot be confirmed: %(missing)s is missing.")
            % {"title": page.title, "missing": ", ".join(missing)},
        )
    else:
        owner = page.responsible_owner
        method = (
            ReviewMethod.CONFIRMED
            if owner is not None and owner.user_id == request.user.pk
            else ReviewMethod.COORDINATOR
        )
        interventions_review(pages=[page], method=method, user=request.user)
        messages.success(
            request,
            _("%(title)s is confirmed as still correct.") % {"title": page.title},
        )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("wagtailadmin_home")
    return redirect(target)
