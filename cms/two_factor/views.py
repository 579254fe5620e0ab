"""The admin pages of two-factor login: set-up and status, the code form
after the password, new backup codes, turning it off, and a central
administrator's reset of another user."""

import logging
import math

from django_otp import login as otp_login

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView, View

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.two_factor import services
from cms.two_factor.forms import CodeForm
from cms.two_factor.policy import two_factor_required_for, user_can_reset_two_factor
from cms.two_factor.qr import qr_svg

logger = logging.getLogger(__name__)


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


def _verified(request, device) -> None:
    """Mark the session as having passed the second factor, under a new
    session key (as Django does at login)."""
    otp_login(request, device)
    request.session.cycle_key()


def _show_backup_codes(request, codes: list[str]) -> TemplateResponse:
    """Backup codes are shown in this one response and never again."""
    return TemplateResponse(
        request,
        "samverkan_cms/two_factor/backup_codes.html",
        {
            "page_title": _("Backup codes"),
            "header_icon": "key",
            "codes": codes,
            "next_url": _next_url(request),
        },
    )


class SetupView(WagtailAdminTemplateMixin, TemplateView):
    """Status when set up; otherwise the QR code, the secret and the code
    field that confirms the app."""

    template_name = "samverkan_cms/two_factor/setup.html"
    page_title = gettext_lazy("Two-step verification")
    header_icon = "key"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["required"] = two_factor_required_for(user)
        context["next_url"] = _next_url(self.request)
        if services.user_has_two_factor(user):
            context["enabled"] = True
            return context
        device = services.totp_device_start(user=user)
        context["qr_svg"] = qr_svg(device.config_url)
        secret = services.totp_secret(device=device)
        context["secret_groups"] = [secret[i : i + 4] for i in range(0, len(secret), 4)]
        context.setdefault("form", CodeForm())
        return context

    def post(self, request):
        if services.user_has_two_factor(request.user):
            return redirect("samverkan_two_factor_setup")
        form = CodeForm(request.POST)
        if form.is_valid():
            device = services.totp_device_start(user=request.user)
            codes = services.totp_device_confirm(
                device=device, token=form.cleaned_data["code"]
            )
            if codes is not None:
                device.refresh_from_db()
                _verified(request, device)
                logger.info("Two-step verification set up by user %s", request.user.pk)
                return _show_backup_codes(request, codes)
            form.add_error(
                "code",
                _(
                    "The code was not accepted. Wait a moment and type the newest "
                    "code the app shows."
                ),
            )
        return self.render_to_response(self.get_context_data(form=form))


class VerifyView(View):
    """The code form between the password and the admin."""

    template_name = "samverkan_cms/two_factor/verify.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect("wagtailadmin_login")
        if user.is_verified() or not services.user_has_two_factor(user):
            return redirect(_next_url(request))
        return super().dispatch(request, *args, **kwargs)

    def render(self, request, form, status=200):
        return TemplateResponse(
            request,
            self.template_name,
            {"form": form, "next_url": _next_url(request)},
            status=status,
        )

    def get(self, request):
        return self.render(request, CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        if not form.is_valid():
            return self.render(request, form)
        result = services.two_factor_verify(
            user=request.user, token=form.cleaned_data["code"]
        )
        if result.ok:
            _verified(request, result.device)
            return redirect(_next_url(request))
        if result.throttled_until:
            seconds = math.ceil(
                (result.throttled_until - timezone.now()).total_seconds()
            )
            seconds = max(seconds, 1)
            form.add_error(
                "code",
                ngettext(
                    "Too many wrong codes in a row. Try again in %(seconds)d second.",
                    "Too many wrong codes in a row. Try again in %(seconds)d seconds.",
                    seconds,
                )
                % {"seconds": seconds},
            )
            return self.render(request, form, status=429)
        form.add_error("code", _("Wrong code. Type the newest code the app shows."))
        return self.render(request, form)


@require_POST
def backup_codes_view(request):
    """A new set of backup codes (the old ones stop working)."""
    if not services.user_has_two_factor(request.user):
        return redirect("samverkan_two_factor_setup")
    return _show_backup_codes(request, services.backup_codes_create(user=request.user))


@require_POST
def disable_view(request):
    """Turn two-step verification off for oneself, unless it is required."""
    if two_factor_required_for(request.user):
        raise PermissionDenied
    services.two_factor_reset(user=request.user)
    logger.info("Two-step verification turned off by user %s", request.user.pk)
    messages.success(request, _("Two-step verification is turned off."))
    return redirect("samverkan_two_factor_setup")


class ResetView(WagtailAdminTemplateMixin, TemplateView):
    """A central administrator removes another user's app and backup codes
    (a lost phone); the user sets it up again at the next login."""

    template_name = "samverkan_cms/two_factor/reset.html"
    page_title = gettext_lazy("Reset two-step verification")
    header_icon = "key"

    def dispatch(self, request, user_id):
        self.target = get_object_or_404(get_user_model(), pk=user_id)
        if not user_can_reset_two_factor(admin=request.user, target=self.target):
            raise PermissionDenied
        return super().dispatch(request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["target"] = self.target
        context["enabled"] = services.user_has_two_factor(self.target)
        return context

    def post(self, request):
        services.two_factor_reset(user=self.target, by=request.user)
        logger.info(
            "Two-step verification of user %s reset by user %s",
            self.target.pk,
            request.user.pk,
        )
        messages.success(
            request,
            _("Two-step verification of %(user)s is reset.")
            % {"user": self.target.get_username()},
        )
        return redirect("wagtailusers_users:index")
