"""The report of partner API usage: requests per day (a chart), per client
and per endpoint, over the last 30 days."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.api.access.usage import usage_summary

CHART_HEIGHT = 120


def user_sees_api_usage(user) -> bool:
    return user.is_active and user.has_perm("samverkan_cms.view_apiusageday")


class ApiUsageReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "samverkan_cms/api_usage/report.html"
    page_title = _("API usage")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not user_sees_api_usage(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summary = usage_summary(days=30)
        peak = summary["peak"] or 1
        bar_width = 100 / len(summary["daily"])
        context["summary"] = summary
        context["bars"] = [
            {
                "day": day["day"],
                "requests": day["requests"],
                "x": round(n * bar_width, 3),
                "width": round(bar_width * 0.8, 3),
                "height": round(CHART_HEIGHT * day["requests"] / peak, 2),
                "y": round(CHART_HEIGHT - CHART_HEIGHT * day["requests"] / peak, 2),
            }
            for n, day in enumerate(summary["daily"])
        ]
        context["chart_height"] = CHART_HEIGHT
        return context
