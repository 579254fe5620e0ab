"""The translation actions of the permission matrix (wagtail-localize)."""

from django.urls import reverse

from wagtail.models import (
    Locale,
    Page,
)

from tests.cms.scoping.permission_matrix import (
    REVISION,
    PageAction,
)
from tests.cms.scoping.permission_matrix_pages import (
    _aliases,
    _page_url,
    changes,
    reads,
)

# Translations (wagtail-localize) -------------------------------------------
# A translation belongs to its source's organisation: A may neither
# translate B's page nor open, sync, stop or convert B's translation
# (cms/translations/admin_views.py narrows wagtail-localize's views; the
# translation editor's own views check the edit right, which
# cms/translations/rights.py makes B's). The same rows on A's own page are
# the editor's positive control (test_editor_of_a_may_on_own_translation).

# Meetings and projects are pages like news: the rows are left out for time.
TRANSLATED_TYPES = ("intervention", "news", "organisation")


def _translatable(t):
    return t in TRANSLATED_TYPES


def _arabic():
    return Locale.objects.get(language_code="ar")


def _localized(w, page):
    """The page translated into Arabic through wagtail-localize, as its
    editor would (the translation published with its live source, then an
    unpublished revision carrying REVISION); returns the translation."""
    from wagtail_localize.operations import TranslationCreator

    TranslationCreator(None, [_arabic()]).create_translations(page)
    translated = page.get_translation(_arabic()).specific
    translated.title = f"{translated.title} {REVISION}"
    translated.save_revision()
    return Page.objects.get(pk=translated.pk).specific


def _localize_translation(page):
    from wagtail_localize.models import Translation

    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale=page.locale
    )


def _localize(name, args=lambda page: (_localize_translation(page).pk,)):
    """A wagtail-localize URL by name, with args(page)."""
    return lambda w, t, page: reverse(f"wagtail_localize:{name}", args=args(page))


def _string_segment(page):
    translation = _localize_translation(page)
    return (translation.pk, translation.source.stringsegment_set.first().pk)


def _source_id(page):
    return (_localize_translation(page).source_id,)


LOCALIZED = {"prepare": _localized, "applies": _translatable}
TRANSLATION_ACTIONS = [
    reads(
        "translate: the form",
        _localize("submit_page_translation", lambda page: (page.pk,)),
        applies=_translatable,
    ),
    changes(
        "translate into Arabic",
        _localize("submit_page_translation", lambda page: (page.pk,)),
        lambda w, t, page: {"locales": [_arabic().pk]},
        applies=_translatable,
    ),
    reads("translation editor of B's translation", _page_url("edit"), **LOCALIZED),
    reads("translation preview", _localize("preview_translation"), **LOCALIZED),
    reads("translation PO file", _localize("download_pofile"), **LOCALIZED),
    PageAction(
        "translation editor: edit a string",
        "put",
        _localize("edit_string_translation", _string_segment),
        lambda w, t, page: {"value": "Kapad"},
        control=201,  # the string's translation is created
        **LOCALIZED,
    ),
    reads(
        "sync translations: the form",
        _localize("update_translations", _source_id),
        **LOCALIZED,
    ),
    PageAction(
        "sync translations",
        "post",
        _localize("update_translations", _source_id),
        lambda w, t, page: {},
        control=302,
        **LOCALIZED,
    ),
    PageAction(
        "stop translating",
        "post",
        _localize("stop_translation"),
        control=302,
        **LOCALIZED,
    ),
    changes(
        "convert the translation to an alias",
        _localize("convert_to_alias", lambda page: (page.pk,)),
        prepare=_localized,
        applies=lambda t: _translatable(t) and _aliases(t),
    ),
]
