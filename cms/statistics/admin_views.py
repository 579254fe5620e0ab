"""The reads report in the Wagtail admin (Reports menu): editors see their
own organisation's interventions, central administrators their region's,
superusers every organisation."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.infra.csv_export import csv_response, csv_variant
from cms.models import OrganisationPage
from cms.reviews.report import previous_quarters, quarter_of
from cms.scoping.selectors import organisations_editable_by
from cms.statistics.report import reads_csv_rows, reads_report


def organisations_in_reads_report(*, user):
    if not user.is_active:
        return OrganisationPage.objects.none()
    if user.is_superuser:
        return OrganisationPage.objects.all()
    return organisations_editable_by(user=user)


def user_sees_reads_report(user) -> bool:
    return organisations_in_reads_report(user=user).exists()


class ReadsReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "samverkan_cms/statistics/reads_report.html"
    page_title = _("Reads of interventions")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    header_icon = "view"

    def dispatch(self, request, *args, **kwargs):
        if not user_sees_reads_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            report = self.report()
            return csv_response(
                reads_csv_rows(report),
                filename=f"lasningar-{report.quarter}.csv",
                variant=csv_variant(request),
            )
        return super().get(request, *args, **kwargs)

    def quarters(self) -> list[str]:
        return previous_quarters(quarter_of(timezone.localdate()), 8)

    def report(self):
        quarters = self.quarters()
        quarter = self.request.GET.get("quarter")
        return reads_report(
            quarter=quarter if quarter in quarters else quarters[-1],
            organisations=organisations_in_reads_report(user=self.request.user),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["quarters"] = list(reversed(self.quarters()))
        context["report"] = self.report()
        return context
