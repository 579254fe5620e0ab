"""Help where people need it: every field of the intervention form says what
to write, and languages are a checkbox list with a search box (not a
Ctrl-click multi-select)."""

from django.urls import reverse

from cms.models import Language
from tests.factories import InterventionPageFactory, publish


def test_every_field_has_help_and_languages_are_checkboxes(client, org_a, editor_a):
    Language.objects.get_or_create(code="ti", defaults={"name": "Tigrinja"})
    page = publish(InterventionPageFactory(parent=org_a))
    client.force_login(editor_a)

    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))

    form = response.context["form"]
    skipped = {"slug", "seo_title", "search_description", "go_live_at", "expire_at"}
    without_help = [
        name
        for name, field in form.fields.items()
        if name not in skipped
        and not field.help_text
        and not name.startswith("comment")
    ]
    assert not without_help, without_help
    body = response.content.decode()
    assert 'type="checkbox" name="languages"' in body
    assert "data-checkbox-filter-input" in body
    assert "samverkan_cms/js/checkbox-filter.js" in body
    assert "Tigrinja" in body
    assert 'name="languages" multiple' not in body
    # Swedish help, from the form and the inline panels.
    assert "Lämna tomt om det inte finns någon nedre åldersgräns." in body
    assert "Perioder när den är stängd" in body
