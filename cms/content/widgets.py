"""Admin form widgets of the cms app."""

from django import forms


class SearchableCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """A checkbox list with a search box above it that hides the choices not
    matching what is typed (a script of our own, served from our origin);
    without scripts it is a plain checkbox list. For long lists such as the
    languages of an intervention, instead of a Ctrl-click multi-select."""

    template_name = "samverkan_cms/widgets/searchable_checkboxes.html"

    class Media:
        js = ["samverkan_cms/js/checkbox-filter.js"]
