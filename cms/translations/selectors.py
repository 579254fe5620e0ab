"""Reads about translations, shared by the admin, the public site, the API,
feeds, the newsletter and sync."""

from django.db.models import QuerySet

from wagtail.models import Locale, Page

from cms.languages import SOURCE_LANGUAGE


def source_locale() -> Locale:
    """The Locale of the source language (Swedish)."""
    return Locale.objects.get(language_code=SOURCE_LANGUAGE)


def in_language(queryset: QuerySet, *, language: str = SOURCE_LANGUAGE) -> QuerySet:
    """Those of `queryset` (pages or translatable snippets) in one language;
    the source language by default, so that a list shows each thing once."""
    return queryset.filter(locale__language_code=language)


def page_source(*, page: Page) -> Page | None:
    """The source-language page of `page` (itself when it is in the source
    language), or None when it has none."""
    if page.locale.language_code == SOURCE_LANGUAGE:
        return page
    return (
        Page.objects.filter(
            translation_key=page.translation_key,
            locale__language_code=SOURCE_LANGUAGE,
        )
        .select_related("locale")
        .first()
    )


def page_translations_public(*, page: Page) -> list[Page]:
    """Every language version of `page` that the public may see (live, not
    behind a view restriction, not an alias), itself included, in the order
    of the content languages; one query. What a language switcher and the
    hreflang alternates list."""
    from cms.languages import content_language_codes

    order = {code: index for index, code in enumerate(content_language_codes())}
    pages = (
        Page.objects.live()
        .public()
        .filter(translation_key=page.translation_key, alias_of__isnull=True)
        .select_related("locale")
    )
    return sorted(
        (p for p in pages if p.locale.language_code in order),
        key=lambda p: order[p.locale.language_code],
    )


def page_in_language(*, page: Page, language: str) -> Page | None:
    """The `language` version of `page`, public or not, or None."""
    return (
        Page.objects.filter(
            translation_key=page.translation_key, locale__language_code=language
        )
        .select_related("locale")
        .first()
    )
