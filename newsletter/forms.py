from django import forms
from django.utils.translation import gettext_lazy as _

from cms.importing.files import file_too_large_message
from cms.models import RegionPage
from newsletter.languages import subscriber_language_choices
from newsletter.models import Audience


def audience_with_region(audience) -> str:
    """An audience's label where several regions' audiences are offered."""
    region = audience.region.title if audience.region else "–"
    return f"{audience.name} ({region})"


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    organisation = forms.CharField(
        label=_("Organisation"), max_length=200, required=False
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=subscriber_language_choices
    )
    audiences = forms.ModelMultipleChoiceField(
        label=_("What do you want to receive?"),
        queryset=Audience.objects.filter(public=True),
        widget=forms.CheckboxSelectMultiple,
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my name and e-mail address are stored to send me the newsletter, as described in the privacy policy."
        )
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audiences"].queryset = Audience.objects.filter(
            region=region, public=True
        )


class PreferencesForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    language = forms.ChoiceField(
        label=_("Language"), choices=subscriber_language_choices
    )
    audiences = forms.ModelMultipleChoiceField(
        label=_("What do you want to receive?"),
        queryset=Audience.objects.filter(public=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audiences"].queryset = Audience.objects.filter(
            region=region, public=True
        )


# About 50,000 subscribers; a larger list is better imported in parts.
MAX_IMPORT_BYTES = 5 * 1024 * 1024


class ImportForm(forms.Form):
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=RegionPage.objects.none(), empty_label=None
    )
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: email, name, organisation, language, audiences (slugs separated by |). UTF-8."
        ),
    )
    consent_detail = forms.CharField(
        label=_("Consent source"),
        max_length=255,
        help_text=_(
            "Where these people agreed to receive the newsletter, e.g. 'sign-up list at the partner day 2026-03-12'."
        ),
    )
    audiences = forms.ModelMultipleChoiceField(
        label=_("Audiences for rows without any"),
        queryset=Audience.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        # One region: nothing to choose.
        self.only_region = regions[0] if len(regions) == 1 else None
        self.fields["region"].required = self.only_region is None
        if self.only_region is not None:
            self.fields["region"].initial = self.only_region.pk
        self.fields["audiences"].queryset = Audience.objects.filter(
            region__in=regions
        ).select_related("region")
        self.fields["audiences"].label_from_instance = audience_with_region

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("region") is None and self.only_region is not None:
            cleaned["region"] = self.only_region
        region = cleaned.get("region")
        if region is not None and any(
            audience.region_id != region.pk for audience in cleaned.get("audiences", [])
        ):
            self.add_error(
                "audiences", _("Choose audiences of the chosen region only.")
            )
        return cleaned

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(file_too_large_message(MAX_IMPORT_BYTES))
        return upload


class TestSendForm(forms.Form):
    emails = forms.CharField(
        label=_("Send a test to"),
        help_text=_("E-mail addresses separated by commas."),
    )

    def clean_emails(self):
        from django.core.validators import validate_email

        emails = [
            e.strip() for e in self.cleaned_data["emails"].split(",") if e.strip()
        ]
        for email in emails:
            validate_email(email)
        if not emails or len(emails) > 10:
            raise forms.ValidationError(_("Give one to ten addresses."))
        return emails


class ScheduleForm(forms.Form):
    scheduled_at = forms.DateTimeField(
        label=_("Send at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def clean_scheduled_at(self):
        from django.utils import timezone

        value = self.cleaned_data["scheduled_at"]
        if value < timezone.now():
            raise forms.ValidationError(_("Choose a time in the future."))
        return value
