"""A target's deliveries and the actions on them (central administrators of
its region only)."""

import datetime

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import TemplateView

from sync import selectors, services
from sync.models import DeliveryStatus
from sync.tasks import sync_target_resync


class ResendFailedForm(forms.Form):
    since = forms.DateField(
        label=gettext_lazy("Failed since"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class TargetScopedMixin:
    def dispatch(self, request, pk, **kwargs):
        self.target = get_object_or_404(
            selectors.targets_manageable_by(user=request.user), pk=pk
        )
        return super().dispatch(request, pk=pk, **kwargs)

    def back(self):
        return redirect("samverkan_sync_target:deliveries", self.target.pk)


class DeliveriesView(TargetScopedMixin, TemplateView):
    template_name = "samverkan_sync/deliveries.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status") or None
        if status not in DeliveryStatus.values:
            status = None
        deliveries = selectors.deliveries_of_target(target=self.target, status=status)
        page = Paginator(deliveries, self.paginate_by).get_page(
            self.request.GET.get("p")
        )
        return {
            **super().get_context_data(**kwargs),
            "target": self.target,
            "page_obj": page,
            "status": status,
            "statuses": DeliveryStatus.choices,
            "health": selectors.sync_health(
                targets=selectors.targets_manageable_by(user=self.request.user).filter(
                    pk=self.target.pk
                )
            ),
            "resend_failed_form": ResendFailedForm(
                initial={"since": timezone.localdate() - datetime.timedelta(days=7)}
            ),
        }


class DeliveryView(TargetScopedMixin, TemplateView):
    """One delivery with its attempt history."""

    template_name = "samverkan_sync/delivery.html"

    def get_context_data(self, **kwargs):
        delivery = get_object_or_404(
            selectors.deliveries_of_target(target=self.target),
            pk=self.kwargs["delivery_pk"],
        )
        return {
            **super().get_context_data(**kwargs),
            "target": self.target,
            "delivery": delivery,
            "attempts": selectors.attempts_of_delivery(delivery=delivery),
        }


class ResendDeliveryView(TargetScopedMixin, View):
    def post(self, request, pk, delivery_pk):
        deliveries = self.target.deliveries.filter(pk=delivery_pk)
        if services.deliveries_resend(deliveries=deliveries):
            messages.success(request, _("The delivery will be sent again."))
        return self.back()


class ResendFailedView(TargetScopedMixin, View):
    def post(self, request, pk):
        form = ResendFailedForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give a valid date."))
            return self.back()
        since = timezone.make_aware(
            datetime.datetime.combine(form.cleaned_data["since"], datetime.time())
        )
        count = services.deliveries_resend_failed(target=self.target, since=since)
        messages.success(
            request,
            ngettext(
                "%(count)d failed delivery will be sent again.",
                "%(count)d failed deliveries will be sent again.",
                count,
            )
            % {"count": count},
        )
        return self.back()


class ResyncView(TargetScopedMixin, View):
    def post(self, request, pk):
        sync_target_resync.delay(self.target.pk)
        messages.success(
            request,
            _("A full resync of “%(name)s” has been queued.")
            % {"name": self.target.name},
        )
        return self.back()
