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


def translations_outdated_by_owner(*, person_ids) -> dict[int, list[dict]]:
    """Each responsible owner's outdated translations (of the Swedish
    interventions they own): {"pk", "title", "code", "language"}, by
    language and title. Two queries."""
    from cms.languages import language_name
    from cms.models import InterventionPage, TranslationState

    outdated = list(
        TranslationState.objects.filter(outdated_since__isnull=False).values(
            "page_id",
            "page__title",
            "page__translation_key",
            "page__locale__language_code",
        )
    )
    if not outdated:
        return {}
    owners = dict(
        InterventionPage.objects.filter(
            translation_key__in={row["page__translation_key"] for row in outdated},
            locale__language_code=SOURCE_LANGUAGE,
            responsible_owner_id__in=list(person_ids),
        ).values_list("translation_key", "responsible_owner_id")
    )
    result: dict[int, list[dict]] = {}
    for row in outdated:
        owner = owners.get(row["page__translation_key"])
        if owner is None:
            continue
        code = row["page__locale__language_code"]
        result.setdefault(owner, []).append(
            {
                "pk": row["page_id"],
                "title": row["page__title"],
                "code": code,
                "language": language_name(code),
            }
        )
    for items in result.values():
        items.sort(key=lambda item: (item["code"], item["title"]))
    return result


def with_translation_state(pages: QuerySet) -> QuerySet:
    """`pages` annotated with `translation_outdated_since`: when the Swedish
    source changed after the translation was last published (None for
    current translations and for Swedish pages). One subquery."""
    from django.db.models import OuterRef, Subquery

    from cms.models import TranslationState

    state = TranslationState.objects.filter(page_id=OuterRef("pk"))
    return pages.annotate(
        translation_outdated_since=Subquery(state.values("outdated_since")[:1])
    )


def translation_coverage(
    *, keys_by_group: dict, languages: list[str]
) -> dict[object, list[tuple[int, int]]]:
    """For groups of Swedish pages (by their translation keys): per language,
    how many have a live translation and how many of those are outdated.
    One query."""
    from cms.models import TranslationState

    all_keys = {key for keys in keys_by_group.values() for key in keys}
    found = {}
    outdated_pages = set(
        TranslationState.objects.filter(outdated_since__isnull=False).values_list(
            "page_id", flat=True
        )
    )
    for pk, key, code in Page.objects.filter(
        translation_key__in=all_keys,
        locale__language_code__in=languages,
        alias_of__isnull=True,
        live=True,
    ).values_list("pk", "translation_key", "locale__language_code"):
        found[(key, code)] = pk in outdated_pages
    result = {}
    for group, keys in keys_by_group.items():
        cells = []
        for code in languages:
            states = [found[(key, code)] for key in keys if (key, code) in found]
            cells.append((len(states), sum(states)))
        result[group] = cells
    return result
