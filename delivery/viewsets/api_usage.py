"""The report of partner API usage: requests per day (a chart), per client
and per endpoint, over the last 30 days, of one region the user
administers (or, for a superuser, of every region)."""

import re
from functools import cache

from django.core.exceptions import PermissionDenied
from django.urls import URLResolver, get_resolver
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.scoping.region_choice import region_choice_for
from delivery.access.usage import usage_summary

# The chart's coordinates (SVG user units): the plot sits right of the
# y-axis labels and above the x-axis labels.
CHART_WIDTH = 640
CHART_HEIGHT = 200
PLOT_LEFT = 56
PLOT_TOP = 12
PLOT_BOTTOM = 168
PLOT_RIGHT = CHART_WIDTH - 8


def user_sees_api_usage(user) -> bool:
    return user.is_active and user.has_perm("samverkan_delivery.view_apiusageday")


def _route_text(pattern) -> str:
    text = str(pattern).lstrip("^").rstrip("$")
    text = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", text)
    text = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", text)
    return text.replace("\\.", ".")


@cache
def _routes() -> dict[str, str]:
    """Every named URL's path, such as "api-v1:intervention-list" ->
    "/api/v1/interventions/" (placeholders in braces)."""
    routes = {}

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = (
                    f"{namespace}{pattern.namespace}:"
                    if pattern.namespace
                    else namespace
                )
                walk(pattern.url_patterns, prefix + _route_text(pattern.pattern), inner)
            elif pattern.name:
                path = "/" + prefix + _route_text(pattern.pattern)
                routes.setdefault(f"{namespace}{pattern.name}", path)

    walk(get_resolver().url_patterns, "", "")
    return routes


def endpoint_path(name: str) -> str:
    """The path a counted endpoint answers at (its route name when the URL
    is gone)."""
    return _routes().get(name, name)


def _axis_ticks(peak: int) -> list[int]:
    if peak <= 0:
        return [0]
    return sorted({0, (peak + 1) // 2, peak})


def chart(daily: list[dict], peak: int) -> dict:
    """Bars and axes of the requests-per-day chart, in SVG user units."""
    plot_height = PLOT_BOTTOM - PLOT_TOP
    slot = (PLOT_RIGHT - PLOT_LEFT) / max(len(daily), 1)

    def y_of(value):
        return PLOT_BOTTOM - (plot_height * value / peak if peak else 0)

    bars = [
        {
            "day": day["day"],
            "requests": day["requests"],
            "x": round(PLOT_LEFT + n * slot + slot * 0.1, 2),
            "width": round(slot * 0.8, 2),
            "y": round(y_of(day["requests"]), 2),
            "height": round(PLOT_BOTTOM - y_of(day["requests"]), 2),
        }
        for n, day in enumerate(daily)
    ]
    labelled = {0, len(daily) // 2, len(daily) - 1} if daily else set()
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "left": PLOT_LEFT,
        "right": PLOT_RIGHT,
        "top": PLOT_TOP,
        "bottom": PLOT_BOTTOM,
        "bars": bars,
        "y_ticks": [{"value": v, "y": round(y_of(v), 2)} for v in _axis_ticks(peak)],
        "x_labels": [
            {"day": bar["day"], "x": round(bar["x"] + bar["width"] / 2, 2)}
            for n, bar in enumerate(bars)
            if n in labelled
        ],
    }


class ApiUsageReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "samverkan_delivery/api_usage/report.html"
    page_title = _("API usage")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not user_sees_api_usage(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        choice = region_choice_for(user=user, asked=self.request.GET.get("region"))
        # Every region (requests of no region too) is a superuser's view;
        # anyone else sees the requests that read their chosen region.
        every = user.is_superuser and choice.region is None
        summary = usage_summary(days=30, regions=None if every else choice.shown)
        context["choice"] = choice
        for row in summary["endpoints"]:
            row["path"] = endpoint_path(row["endpoint"])
        context["summary"] = summary
        context["chart"] = chart(summary["daily"], summary["peak"] or 0)
        return context
