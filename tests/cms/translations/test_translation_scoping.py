"""A translation belongs to the same organisation as its source: Botkyrka's
editor translates Botkyrka's pages, edits their translations, and can
neither translate nor see the drafts of Haninge's (wagtail-localize's views
narrowed by cms/translations/admin_views.py, page rights copied by
cms/translations/rights.py)."""

import pytest

from django.urls import reverse

from wagtail.models import Locale, Page

from tests.factories import (
    InterventionPageFactory,
    UserFactory,
    editor_of,
    publish,
    translation_of,
)

pytestmark = pytest.mark.django_db

REFUSED = (302, 403)


def _submit_url(page):
    return reverse("wagtail_localize:submit_page_translation", args=[page.pk])


def test_editor_translates_own_organisations_page(client, org_a, editor_a):
    page = publish(InterventionPageFactory(parent=org_a, title="Språkcafé"))
    arabic = Locale.objects.get(language_code="ar")
    client.force_login(editor_a)

    assert client.get(_submit_url(page)).status_code == 200
    response = client.post(_submit_url(page), {"locales": [arabic.pk]})

    translated = page.get_translation(arabic)
    assert response.status_code == 302
    assert (
        translated.get_parent().specific.get_translation(Locale.get_default())
        == org_a.page_ptr.specific
    )
    # The translation lives in Botkyrka's Arabic subtree, which Botkyrka's
    # editors may edit (and nobody else's editors).
    assert translated.permissions_for_user(editor_a).can_edit()
    assert (
        client.get(reverse("wagtailadmin_pages:edit", args=[translated.pk])).status_code
        == 200
    )


def test_editor_cannot_translate_another_organisations_page(
    client, region, org_a, org_b, editor_a
):
    page = publish(InterventionPageFactory(parent=org_b, title="Haninges insats"))
    arabic = Locale.objects.get(language_code="ar")
    client.force_login(editor_a)

    # Wagtail's admin answers a refusal with a redirect to the dashboard.
    assert client.get(_submit_url(page)).status_code in REFUSED
    response = client.post(_submit_url(page), {"locales": [arabic.pk]})
    assert response.status_code in REFUSED
    assert page.get_translation_or_none(arabic) is None


def test_another_organisations_draft_translation_stays_hidden(
    client, org_a, org_b, editor_a
):
    page = publish(InterventionPageFactory(parent=org_b, title="Haninges insats"))
    draft = translation_of(page, "ar", live=False, title="HEMLIG ترجمة")
    client.force_login(editor_a)

    for name in ("edit", "view_draft", "preview_on_edit", "history"):
        response = client.get(reverse(f"wagtailadmin_pages:{name}", args=[draft.pk]))
        assert response.status_code in (302, 403, 404), name
        assert "HEMLIG" not in response.content.decode()
    # Haninge's own editor may.
    client.force_login(editor_of(org_b, username="editor_b"))
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    assert edit.status_code == 200


def test_translation_report_of_every_organisation_is_for_superusers(client, editor_a):
    client.force_login(editor_a)
    url = reverse("wagtail_localize:translations_report")
    assert client.get(url).status_code in REFUSED
    client.force_login(UserFactory(username="root", is_superuser=True))
    assert client.get(url).status_code == 200


def test_translated_region_and_organisation_get_their_sources_rights(org_a):
    page = publish(InterventionPageFactory(parent=org_a))
    translated = translation_of(page, "en", title="Language café")
    organisation_en = translated.get_parent()
    region_en = organisation_en.get_parent()

    assert set(
        organisation_en.group_permissions.values_list("group", "permission")
    ) == set(org_a.group_permissions.values_list("group", "permission"))
    assert region_en.group_permissions.exists()
    assert Page.objects.get(pk=region_en.pk).locale.language_code == "en"


def test_intervention_translation_cannot_become_an_alias(client, org_a, editor_a):
    """Wagtail's aliases copy the intervention's unique stable id: converting
    its translation to an alias (wagtail-localize) is refused with a
    message instead of failing."""
    page = publish(InterventionPageFactory(parent=org_a, title="Språkcafé"))
    arabic = Locale.objects.get(language_code="ar")
    client.force_login(editor_a)
    client.post(_submit_url(page), {"locales": [arabic.pk]})
    translated = page.get_translation(arabic)
    url = reverse("wagtail_localize:convert_to_alias", args=[translated.pk])

    response = client.post(url, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[0][0] == reverse(
        "wagtailadmin_pages:edit", args=[translated.pk]
    )
    assert Page.objects.get(pk=translated.pk).alias_of_id is None
