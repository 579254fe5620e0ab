"""The reads report in the Wagtail admin (Reports menu): editors see their
own organisation's interventions, central administrators their region's,
superusers every organisation."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms import selectors
from cms.models import OrganisationPage
from cms.reviews.report import previous_quarters, quarter_of
from cms.statistics.report import reads_report


def organisations_in_reads_report(*, user):
    if not user.is_active:
        return OrganisationPage.objects.none()
    if user.is_superuser:
        return OrganisationPage.objects.all()
    return selectors.organisations_editable_by(user=user)


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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        quarters = previous_quarters(quarter_of(timezone.localdate()), 8)
        quarter = self.request.GET.get("quarter")
        if quarter not in quarters:
            quarter = quarters[-1]
        context["quarters"] = list(reversed(quarters))
        context["report"] = reads_report(
            quarter=quarter,
            organisations=organisations_in_reads_report(user=self.request.user),
        )
        return context
