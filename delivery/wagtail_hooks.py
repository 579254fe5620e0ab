"""Registration only: the delivery app's admin views (partner API keys
and the API usage report)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from delivery.viewsets.api_keys import PartnerApiKeyViewSet
from delivery.viewsets.api_usage import ApiUsageReportView, user_sees_api_usage


@hooks.register("register_admin_viewset")
def register_partner_api_keys():
    return PartnerApiKeyViewSet("partner_api_keys")


class ApiUsageMenuItem(MenuItem):
    def is_shown(self, request):
        return user_sees_api_usage(request.user)


@hooks.register("register_reports_menu_item")
def register_api_usage_menu_item():
    return ApiUsageMenuItem(
        _("API usage"), reverse("samverkan_api_usage"), icon_name="table", order=60
    )


@hooks.register("register_admin_urls")
def register_api_usage_urls():
    return [
        path(
            "reports/api-usage/",
            ApiUsageReportView.as_view(),
            name="samverkan_api_usage",
        )
    ]
