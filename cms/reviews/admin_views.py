"""The central administrators' review report in the Wagtail admin, with a
CSV download (the same figures as `manage.py review_report`)."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms import selectors
from cms.csv_export import csv_response, csv_variant
from cms.reviews.report import previous_quarters, quarter_of, report_rows, review_report
from cms.reviews.selectors import interventions_unowned


def user_sees_review_report(user) -> bool:
    """Central administrators (of any region) and superusers."""
    return user.is_active and (
        user.is_superuser or selectors.regions_administered_by(user=user).exists()
    )


def review_report_view(request):
    if not user_sees_review_report(request.user):
        raise PermissionDenied
    current = quarter_of(timezone.localdate())
    quarters = previous_quarters(current, 8)
    quarter = request.GET.get("quarter") or current
    if quarter not in quarters:
        quarter = current
    region = None
    if not request.user.is_superuser:
        region = selectors.regions_administered_by(user=request.user).first()
    report = review_report(quarter=quarter, region=region)
    if request.GET.get("format") == "html":  # the steering group's page
        return TemplateResponse(
            request, "samverkan_cms/reviews/report_page.html", {"report": report}
        )
    if request.GET.get("format") == "csv":
        return csv_response(
            report_rows(report),
            filename=f"granskning-{report.quarter}.csv",
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
            "page_title": _("Review report"),
            "header_title": _("Review report"),
            "header_icon": "tasks",
        },
    )
