"""The translation buttons of the admin's page listings
(cms/translations/listing_buttons.py): offered to those who may translate
the page, read from the listing's annotations (no query per row), the same
in a page header that asks for them itself."""

import pytest

from django.urls import reverse

from wagtail import hooks
from wagtail.models import Locale, Page
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.models import TranslationSource

from cms.translations.listing_buttons import (
    translation_buttons,
    with_translation_actions,
)
from tests.factories import InterventionPageFactory, publish

pytestmark = pytest.mark.django_db


def _submit_url(page):
    return reverse("wagtail_localize:submit_page_translation", args=[page.pk])


def _translate(client, page, *codes):
    locales = Locale.objects.filter(language_code__in=codes)
    response = client.post(_submit_url(page), {"locales": [lo.pk for lo in locales]})
    assert response.status_code == 302


def _buttons(page, user):
    return [(str(b.label), b.url) for b in translation_buttons(page, user)]


def test_wagtail_localizes_hook_is_replaced_by_ours():
    for name in ("register_page_listing_more_buttons", "register_page_header_buttons"):
        registered = hooks.get_hooks(name)
        assert localize_hooks.page_listing_more_buttons not in registered
        assert translation_buttons in registered


def test_listing_offers_translation_only_of_pages_the_editor_may_edit(
    client, org_a, org_b, editor_a
):
    own = publish(InterventionPageFactory(parent=org_a, title="Språkcafé"))
    other = publish(InterventionPageFactory(parent=org_b, title="Haninges insats"))
    client.force_login(editor_a)

    html = client.get(reverse("interventions:index_results")).content.decode()

    assert _submit_url(own) in html
    assert _submit_url(other) not in html


def test_sync_button_once_translated_and_same_buttons_without_annotations(
    client, org_a, editor_a
):
    page = publish(InterventionPageFactory(parent=org_a, title="Språkcafé"))
    client.force_login(editor_a)
    _translate(client, page, "ar")
    source = TranslationSource.objects.get_for_instance(page)
    sync_url = reverse("wagtail_localize:update_translations", args=[source.pk])

    html = client.get(reverse("interventions:index_results")).content.decode()
    assert sync_url in html
    assert _submit_url(page) in html  # languages are left

    annotated = with_translation_actions(Page.objects.filter(pk=page.pk)).get()
    plain = Page.objects.get(pk=page.pk)
    assert _buttons(annotated, editor_a) == _buttons(plain, editor_a)
    assert [url for _label, url in _buttons(plain, editor_a)] == [
        _submit_url(page),
        sync_url,
    ]


def test_no_translate_button_when_every_language_is_translated(client, org_a, editor_a):
    page = publish(InterventionPageFactory(parent=org_a))
    client.force_login(editor_a)
    others = Locale.objects.exclude(pk=page.locale_id)
    _translate(client, page, *others.values_list("language_code", flat=True))

    annotated = with_translation_actions(Page.objects.filter(pk=page.pk)).get()
    urls = [url for _label, url in _buttons(annotated, editor_a)]
    assert _submit_url(page) not in urls
    assert len(urls) == 1  # sync
