"""The partner targets in the admin (Settings → Partner targets): a Wagtail
ModelViewSet scoped to the central administrators' regions, plus a
deliveries view per target with resend, resend-failed-since and resync."""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from sync.forms import TargetForm
from sync.models import Target
from sync.selectors import targets_manageable_by
from sync.viewsets.deliveries import (
    DeliveriesView,
    DeliveryView,
    ResendDeliveryView,
    ResendFailedView,
    ResyncView,
)


class DeliveriesColumn(Column):
    def get_value(self, instance):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("samverkan_sync_target:deliveries", args=(instance.pk,)),
            _("Deliveries"),
        )


class TargetCreateView(generic.CreateView):
    def get_success_message(self, instance):
        message = super().get_success_message(instance)
        generated = getattr(self.form, "generated_secret", None)
        if generated:
            return _(
                "%(message)s Its signing secret, shown only this once: %(secret)s"
            ) % {"message": message, "secret": generated}
        return message


class TargetIndexView(generic.IndexView):
    def get_base_queryset(self):
        return targets_manageable_by(user=self.request.user).select_related("region")


def _guarded(view):
    """Every URL naming a target answers 403 outside the user's regions."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None and not (
            targets_manageable_by(user=request.user)
            .filter(pk=unquote(str(pk)))
            .exists()
        ):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


class TargetViewSet(ModelViewSet):
    model = Target
    name = "samverkan_sync_target"
    url_prefix = "partner-targets"
    icon = "resubmit"
    add_to_settings_menu = True
    menu_label = _("Partner targets")
    form_class = TargetForm
    add_view_class = TargetCreateView
    index_view_class = TargetIndexView
    copy_view_enabled = False
    list_display = [
        "name",
        Column("adapter", accessor="get_adapter_display", label=_("adapter")),
        "region",
        BooleanColumn("enabled", label=_("enabled")),
        Column("failing_since", label=_("failing since")),
        DeliveriesColumn("deliveries", label=_("deliveries")),
    ]

    def get_form_class(self, for_update=False):
        return TargetForm

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            pattern.callback = _guarded(pattern.callback)
        return [
            *patterns,
            path("deliveries/<int:pk>/", DeliveriesView.as_view(), name="deliveries"),
            path(
                "deliveries/<int:pk>/<int:delivery_pk>/",
                DeliveryView.as_view(),
                name="delivery",
            ),
            path(
                "deliveries/<int:pk>/resend/<int:delivery_pk>/",
                ResendDeliveryView.as_view(),
                name="resend",
            ),
            path(
                "deliveries/<int:pk>/resend-failed/",
                ResendFailedView.as_view(),
                name="resend_failed",
            ),
            path("deliveries/<int:pk>/resync/", ResyncView.as_view(), name="resync"),
        ]
