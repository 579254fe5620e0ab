"""The content language of a delivery API request, and its translations.

A request asks for a language with `?locale=` (a configured content
language's code, e.g. `ar`; anything else is a 400 naming the choices) or,
without it, with `Accept-Language` (the best configured match, else
Swedish). Every object is served in that language when a published, public
translation of it exists, else in Swedish (the source language): lists and
cursors run over the Swedish pages, so paging is the same in every
language. Each object names its language (`locale`) and the languages it
exists in (`translations`)."""

from collections import defaultdict

from django.conf import settings
from django.urls import reverse
from django.utils.translation import trans_real
from rest_framework.exceptions import ValidationError

from wagtail.coreutils import get_supported_content_language_variant

from cms.languages import SOURCE_LANGUAGE, content_language_codes

LOCALE_PARAMETER = "locale"


def language_from_accept_header(header: str) -> str | None:
    """The configured content language that best matches an
    Accept-Language header, or None."""
    for code, quality in trans_real.parse_accept_lang_header(header[:500]):
        if code == "*" or quality <= 0:
            continue
        try:
            return get_supported_content_language_variant(code)
        except LookupError:
            continue
    return None


def language_requested(request) -> str:
    """The content language the request asks for; a ValidationError (400)
    for a `?locale=` that is not a configured content language."""
    value = request.GET.get(LOCALE_PARAMETER)
    if value is not None:
        code = value.strip().lower()
        if code not in content_language_codes():
            raise ValidationError(
                {
                    LOCALE_PARAMETER: [
                        f"Unknown language {value[:20]!r}; choose one of: "
                        + ", ".join(content_language_codes())
                        + "."
                    ]
                }
            )
        return code
    header = request.headers.get("Accept-Language", "")
    return language_from_accept_header(header) or SOURCE_LANGUAGE


def language_for_cache_key(request) -> str:
    """The language a cached response is keyed by ("invalid" for a bad
    `?locale=`, whose 400 is never cached)."""
    try:
        return language_requested(request)
    except ValidationError:
        return "invalid"


def source_pages(queryset):
    """Only the pages in the source language (Swedish): the objects."""
    return queryset.filter(locale__language_code=SOURCE_LANGUAGE)


def language_of_plain_request(request) -> str | None:
    """language_requested() for a view outside DRF (feeds): None for an
    unknown `?locale=` (the view answers 400)."""
    try:
        return language_requested(request)
    except ValidationError:
        return None


def unknown_language_message() -> str:
    return "Unknown locale; choose one of: " + ", ".join(content_language_codes())


def translated(pages, *, queryset, language: str, id_field: str) -> list:
    """The pages (of the source language) with each replaced by its
    published, public translation into `language` where there is one, in
    one query for all of them. `queryset` is the published pages of the
    same model, with what the representation needs loaded. A replacement
    keeps the source's stable id (`id_field`), so an object's id is the
    same in every language."""
    if language == SOURCE_LANGUAGE or not pages:
        return list(pages)
    translations = {
        page.translation_key: page
        for page in queryset.filter(
            translation_key__in=[page.translation_key for page in pages],
            locale__language_code=language,
        ).prefetch_related(None)
    }
    result = []
    for page in pages:
        translation = translations.get(page.translation_key)
        if translation is None:
            result.append(page)
            continue
        if id_field != "translation_key":
            setattr(translation, id_field, getattr(page, id_field))
        result.append(translation)
    return result


def translations_by_key(pages, *, queryset) -> dict:
    """The language codes each page's object is published in (its own
    included), by translation key, in one query for all pages."""
    languages = defaultdict(list)
    rows = (
        queryset.filter(translation_key__in={page.translation_key for page in pages})
        .select_related(None)
        .prefetch_related(None)
        .order_by("locale__language_code")
        .values_list("translation_key", "locale__language_code")
    )
    for key, code in rows:
        languages[key].append(code)
    return dict(languages)


def translation_links(*, languages, route: str, stable_id, request) -> list[dict]:
    """`translations` of one object: each language with the API address
    that serves it."""
    path = reverse(route, args=[stable_id])
    links = []
    for code in languages:
        url = f"{path}?{LOCALE_PARAMETER}={code}"
        links.append(
            {
                "locale": code,
                # Outside a request (sync): the installation's own address.
                "url": request.build_absolute_uri(url)
                if request
                else settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url,
            }
        )
    return links


class RequestLanguageMixin:
    """For DRF views: `self.language` from the request (a 400 when unknown)
    and `Content-Language` on every answer served in it."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.language = language_requested(request)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200 and getattr(self, "language", None):
            response["Content-Language"] = self.language
        return response
