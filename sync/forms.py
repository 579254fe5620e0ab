"""The target form: region and organisations limited to the user's regions,
the URL checked against the SSRF rules, and a write-only secret."""

import base64
import secrets

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from cms.models import OrganisationPage
from cms.scoping.selectors import regions_administered_by
from sync.models import Adapter, Target
from sync.urlsafety import UnsafeUrl, url_check


def secret_generate() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


class TargetForm(WagtailAdminModelForm):
    url = forms.URLField(label=_("URL"), max_length=500, assume_scheme="https")
    new_secret = forms.CharField(
        label=_("Signing secret"),
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_(
            "A Standard Webhooks secret (whsec_…). Leave empty to keep the stored "
            "secret, or on a new target to have one generated and shown once. "
            "A stored secret is never shown again."
        ),
    )

    class Meta:
        model = Target
        fields = [
            "name",
            "region",
            "adapter",
            "url",
            "send_interventions",
            "send_news",
            "organisations",
            "enabled",
            "max_per_second",
            "max_concurrency",
            "batch_size",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.generated_secret = None
        user = self.for_user
        if user is not None:
            regions = regions_administered_by(user=user)
            self.fields["region"].queryset = regions
            organisations = OrganisationPage.objects.none()
            for region in regions:
                organisations |= OrganisationPage.objects.child_of(region)
            self.fields["organisations"].queryset = organisations.order_by("title")
            if regions.count() == 1 and not self.instance.pk:
                self.fields["region"].initial = regions.first()

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            url_check(url)
        except UnsafeUrl as error:
            raise forms.ValidationError(str(error)) from error
        return url

    def clean_new_secret(self):
        value = self.cleaned_data["new_secret"]
        if value:
            try:
                key = base64.b64decode(value.removeprefix("whsec_"), validate=True)
            except ValueError as error:
                raise forms.ValidationError(
                    _("The secret must be base64, optionally prefixed whsec_.")
                ) from error
            if len(key) < 24:
                raise forms.ValidationError(_("The secret must be at least 24 bytes."))
        return value

    def clean(self):
        cleaned = super().clean()
        region = cleaned.get("region")
        for organisation in cleaned.get("organisations") or []:
            if region and not organisation.path.startswith(region.path):
                self.add_error(
                    "organisations", _("Choose organisations of the target's region.")
                )
                break
        if cleaned.get("adapter") in (Adapter.HSDS, Adapter.INFORMATIONSVERIGE):
            cleaned["send_news"] = False
        return cleaned

    def save(self, commit=True):
        target = super().save(commit=False)
        secret = self.cleaned_data.get("new_secret")
        if not secret and not target.has_secret:
            secret = self.generated_secret = secret_generate()
        if secret:
            target.secret = secret
        if target.enabled:
            target.disabled_reason = ""
            target.disabled_at = None
        if commit:
            target.save()
            self.save_m2m()
        return target
