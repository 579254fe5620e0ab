"""Forms of the public site."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cms import selectors
from cms.models import (
    DeliveryMode,
    ExchangeTerms,
    InterventionCategory,
    Language,
    OrganisationKind,
)
from web.bank_choices import bank_language_codes


class KnownChoicesField(forms.MultipleChoiceField):
    """Checkboxes that drop a value no longer offered (an old shared link
    naming a removed category) instead of refusing the whole filter."""

    widget = forms.CheckboxSelectMultiple

    def clean(self, value):
        return super().clean([item for item in value or [] if self.valid_value(item)])


class InterventionSearchForm(forms.Form):
    """The intervention bank's search and filters: a GET form, so every
    result list has a URL that can be shared and works without JavaScript.
    A value that is no longer offered (an old shared link) is left out."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    municipality = KnownChoicesField(label=_("Municipality served"), required=False)
    category = KnownChoicesField(label=_("Category"), required=False)
    language = KnownChoicesField(label=_("Given in"), required=False)
    age = forms.IntegerField(
        label=_("Age of the participant"), required=False, min_value=0, max_value=120
    )
    programme = forms.ChoiceField(
        label=_("Establishment programme"),
        required=False,
        widget=forms.RadioSelect,
        choices=[
            ("", _("Does not matter")),
            (selectors.PROGRAMME_IN, _("In the establishment programme")),
            (selectors.PROGRAMME_OUT, _("Not in the establishment programme")),
        ],
    )
    mode = KnownChoicesField(
        label=_("Delivery mode"), required=False, choices=DeliveryMode.choices
    )
    exchange = KnownChoicesField(
        label=_("Other municipalities"),
        required=False,
        choices=[
            (selectors.EXCHANGE_OPEN, _("Open to other municipalities")),
            (ExchangeTerms.BUY, _("Places can be bought")),
            (ExchangeTerms.SWAP, _("Places can be swapped")),
        ],
    )

    # Filters shown as groups of checkboxes, in this order.
    checkbox_groups = ("municipality", "category", "language", "mode", "exchange")

    def __init__(self, data=None, *, region, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["municipality"].choices = list(
            selectors.organisations_of_region(region=region)
            .public()
            .filter(kind=OrganisationKind.MUNICIPALITY)
            .values_list("slug", "title")
        )
        self.fields["category"].choices = [
            (category.slug, category.localized_name)
            for category in InterventionCategory.objects.only(
                "slug", "name", "translations"
            )
        ]
        codes = bank_language_codes(region=region)
        # Named and ordered for the reader (Language.name_in).
        self.fields["language"].choices = sorted(
            (
                (language.code, language.localized_name)
                for language in Language.objects.filter(code__in=codes)
            ),
            key=lambda choice: choice[1].casefold(),
        )

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())

    def filters(self) -> dict:
        """Keyword arguments for selectors.interventions_filtered(). An
        invalid field (an age of 500) filters nothing."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "text": data.get("q", ""),
            "municipalities": data.get("municipality", []),
            "categories": data.get("category", []),
            "languages": data.get("language", []),
            "age": data.get("age"),
            "programme": data.get("programme", ""),
            "delivery_modes": data.get("mode", []),
            "exchange": data.get("exchange", []),
            # The words may name a category in the page's language.
            "reader_language": get_language() or "",
        }

    def active_filters(self) -> list[tuple[str, str | None, str]]:
        """(field name, value, what to show) of every filter in use; the
        value is None for a field that holds one value."""
        self.is_valid()
        active = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if value in (None, "", []):
                continue
            if name in self.checkbox_groups:
                labels = dict(field.choices)
                active += [(name, item, str(labels[item])) for item in value]
            elif name == "programme":
                active.append((name, None, str(dict(field.choices)[value])))
            elif name == "age":
                active.append((name, None, _("Age %(age)s") % {"age": value}))
            else:
                active.append((name, None, f"”{value}”"))
        return active
