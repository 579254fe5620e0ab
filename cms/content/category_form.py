"""The intervention category's admin form: its name and description in each
content language besides Swedish, stored in the category's `translations`
({"ar": {"name": ..., "description": ...}}).

Categories are a small managed list edited by central administrators, and
every intervention in every language points at the same category (filters,
HSDS taxonomy terms and partner payloads stay one list): so a category is
not a wagtail-localize translatable snippet with a copy per language, but
one row with its names per language, edited on one form. Outputs read
`name_in(language)`, which falls back to Swedish.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from cms.languages import language_name, translation_language_codes

NAME_MAX_LENGTH = 100
DESCRIPTION_MAX_LENGTH = 2000
TEXTS = ("name", "description")


class CategoryTranslationsWidget(forms.Widget):
    """One name input and one description box per translation language."""

    template_name = "samverkan_cms/widgets/category_translations.html"

    def format_value(self, value):
        return value if isinstance(value, dict) else {}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        value = context["widget"]["value"]
        context["widget"]["languages"] = [
            {
                "code": code,
                "label": language_name(code),
                "inputs": {
                    text: {
                        "name": f"{name}-{code}-{text}",
                        "value": (value.get(code) or {}).get(text, ""),
                    }
                    for text in TEXTS
                },
                "name_max_length": NAME_MAX_LENGTH,
            }
            for code in translation_language_codes()
        ]
        return context

    def value_from_datadict(self, data, files, name):
        return {
            code: {text: data.get(f"{name}-{code}-{text}", "") for text in TEXTS}
            for code in translation_language_codes()
        }

    def value_omitted_from_data(self, data, files, name):
        return False


class CategoryTranslationsField(forms.Field):
    widget = CategoryTranslationsWidget

    def to_python(self, value):
        """Only the languages with a text; stripped."""
        cleaned = {}
        for code, texts in (value or {}).items():
            entry = {text: str(texts.get(text) or "").strip() for text in TEXTS}
            if any(entry.values()):
                cleaned[code] = {text: v for text, v in entry.items() if v}
        return cleaned

    def validate(self, value):
        super().validate(value)
        errors = []
        for code, entry in value.items():
            if len(entry.get("name", "")) > NAME_MAX_LENGTH:
                errors.append(
                    _("The %(language)s name is longer than %(limit)d characters.")
                    % {"language": language_name(code), "limit": NAME_MAX_LENGTH}
                )
            if len(entry.get("description", "")) > DESCRIPTION_MAX_LENGTH:
                errors.append(
                    _(
                        "The %(language)s description is longer than "
                        "%(limit)d characters."
                    )
                    % {"language": language_name(code), "limit": DESCRIPTION_MAX_LENGTH}
                )
            if entry.get("description") and not entry.get("name"):
                errors.append(
                    _("The %(language)s description needs a name too.")
                    % {"language": language_name(code)}
                )
        if errors:
            raise forms.ValidationError(errors)


class InterventionCategoryForm(WagtailAdminModelForm):
    translations = CategoryTranslationsField(
        label=_("In other languages"),
        required=False,
        help_text=_(
            "The category's name (and description) in each content language. "
            "Left empty, readers of that language see the Swedish name."
        ),
    )
