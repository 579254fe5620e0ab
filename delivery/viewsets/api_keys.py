"""Partner API keys in the admin: create (the key is shown once, on the
page that follows), edit limits, revoke. A central administrator sees and
makes only keys of the regions they administer; a key of no region (every
region) is a superuser's."""

from functools import wraps

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from cms.scoping.selectors import regions_administered_by
from delivery.access.keys import api_key_create, api_key_forget, api_key_revoke
from delivery.models import PartnerApiKey
from delivery.selectors import api_keys_manageable_by


class PartnerApiKeyForm(WagtailAdminModelForm):
    revoked = forms.BooleanField(
        label=_("Revoked"),
        required=False,
        help_text=_("A revoked key is refused at once and cannot be restored."),
    )

    class Meta:
        model = PartnerApiKey
        fields = ["name", "region", "contact_email", "requests_per_minute"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not user.is_superuser:
            regions = regions_administered_by(user=user)
            region = self.fields["region"]
            region.queryset = regions
            region.required = True
            region.empty_label = None
            if self.instance.pk is None and len(regions) == 1:
                region.initial = regions[0].pk
        if self.instance.pk is None:
            del self.fields["revoked"]
        elif not self.instance.is_active:
            self.fields["revoked"].initial = True
            self.fields["revoked"].disabled = True


class PartnerApiKeyCreateView(generic.CreateView):
    def form_valid(self, form):
        key, secret = api_key_create(
            name=form.cleaned_data["name"],
            region=form.cleaned_data["region"],
            contact_email=form.cleaned_data["contact_email"],
            requests_per_minute=form.cleaned_data["requests_per_minute"],
        )
        log(instance=key, action="wagtail.create", user=self.request.user)
        response = TemplateResponse(
            self.request,
            "samverkan_delivery/api_keys/created.html",
            {
                "key": key,
                "secret": secret,
                "index_url": self.get_success_url(),
                "page_title": _("API key created"),
                "header_icon": "key",
            },
        )
        response["Cache-Control"] = "no-store"
        return response


class PartnerApiKeyEditView(generic.EditView):
    def save_instance(self):
        key = super().save_instance()
        if self.form.cleaned_data.get("revoked") and key.is_active:
            api_key_revoke(key=key)
            key.revoked_at = timezone.now()
        api_key_forget(prefix=key.prefix)
        return key


class PartnerApiKeyIndexView(generic.IndexView):
    def get_base_queryset(self):
        return api_keys_manageable_by(user=self.request.user).select_related("region")


def _guarded(view):
    """Every URL naming a key answers 403 outside the user's regions."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None and not (
            api_keys_manageable_by(user=request.user)
            .filter(pk=unquote(str(pk)))
            .exists()
        ):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


class PartnerApiKeyViewSet(ModelViewSet):
    model = PartnerApiKey
    icon = "key"
    menu_label = _("Partner API keys")
    add_to_settings_menu = True
    copy_view_enabled = False
    add_view_class = PartnerApiKeyCreateView
    edit_view_class = PartnerApiKeyEditView
    index_view_class = PartnerApiKeyIndexView
    list_display = [
        "name",
        "region",
        "prefix",
        "contact_email",
        "requests_per_minute",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = []
    search_fields = ["name", "contact_email", "prefix"]

    def get_form_class(self, for_update=False):
        return PartnerApiKeyForm

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            pattern.callback = _guarded(pattern.callback)
        return patterns
