"""The content languages of an installation: which languages content can be
translated into, their names in their own language, and their writing
direction.

The list is configurable per installation (settings: LANGUAGES and
WAGTAIL_CONTENT_LANGUAGES, built from SAMVERKAN_CONTENT_LANGUAGES by
`content_language_settings`); the first language is the source language in
which content is written. Everything here is a plain function of a language
code, so templates, the delivery API, feeds, the newsletter and sync share
one answer.

This module imports nothing from Django's models: config.settings imports it.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

SOURCE_LANGUAGE = "sv"

# The default content languages: Swedish (the source), English, Arabic,
# Persian, Dari, Somali, Tigrinya, Ukrainian.
DEFAULT_CONTENT_LANGUAGES = ("sv", "en", "ar", "fa", "prs", "so", "ti", "uk")

# Names in Swedish (the admin's and the Swedish site's language).
LANGUAGE_NAMES = {
    "sv": _("Swedish"),
    "en": _("English"),
    "ar": _("Arabic"),
    "fa": _("Persian"),
    "prs": _("Dari"),
    "so": _("Somali"),
    "ti": _("Tigrinya"),
    "uk": _("Ukrainian"),
    "ckb": _("Central Kurdish"),
    "kmr": _("Northern Kurdish"),
    "ps": _("Pashto"),
    "ru": _("Russian"),
    "es": _("Spanish"),
    "fr": _("French"),
    "de": _("German"),
    "fi": _("Finnish"),
    "tr": _("Turkish"),
    "am": _("Amharic"),
    "ur": _("Urdu"),
    "he": _("Hebrew"),
}

# Each language's name in itself: what a language switcher shows, so that a
# reader finds their language without reading Swedish.
NATIVE_NAMES = {
    "sv": "Svenska",
    "en": "English",
    "ar": "العربية",
    "fa": "فارسی",
    "prs": "دری",
    "so": "Soomaali",
    "ti": "ትግርኛ",
    "uk": "Українська",
    "ckb": "کوردیی ناوەندی",
    "kmr": "Kurmancî",
    "ps": "پښتو",
    "ru": "Русский",
    "es": "Español",
    "fr": "Français",
    "de": "Deutsch",
    "fi": "Suomi",
    "tr": "Türkçe",
    "am": "አማርኛ",
    "ur": "اردو",
    "he": "עברית",
}

# Written right to left.
RTL_LANGUAGES = frozenset({"ar", "fa", "prs", "ckb", "ps", "ur", "he"})


def base_language(code: str) -> str:
    """`ar-SE` -> `ar`; codes are compared in lower case."""
    return (code or "").lower().split("-")[0].split("_")[0]


def locale_direction(code: str) -> str:
    """ "rtl" for languages written right to left (Arabic, Persian, Dari...),
    else "ltr": the value of an HTML `dir` attribute."""
    return "rtl" if base_language(code) in RTL_LANGUAGES else "ltr"


def native_name(code: str) -> str:
    """The language's name in itself, or the code when unknown."""
    return NATIVE_NAMES.get(base_language(code), code)


def language_name(code: str) -> str:
    """The language's name in the active interface language (Swedish in the
    admin), or the code when unknown."""
    name = LANGUAGE_NAMES.get(base_language(code))
    return str(name) if name is not None else code


_CMS_LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def ships_language_names(interface: str) -> bool:
    """Whether the cms names languages (LANGUAGE_NAMES) in the interface
    language `interface`: English is the catalogue's source, the others
    need a compiled cms catalogue (cms/locale/ar: the public labels)."""
    code = base_language(interface)
    return (
        code in ("en", SOURCE_LANGUAGE)
        or (_CMS_LOCALE_DIR / code / "LC_MESSAGES" / "django.mo").exists()
    )


def language_name_in(code: str, interface: str) -> str:
    """`code`'s name in the interface language `interface` ("الصومالية"
    for so in ar, "Somali" in en), or "" when the cms has no name for it
    there: a language it does not list, or an interface language it ships
    no catalogue for (there gettext would answer in Swedish)."""
    from django.utils.translation import override

    name = LANGUAGE_NAMES.get(base_language(code))
    if name is None or not ships_language_names(interface):
        return ""
    with override(base_language(interface)):
        return str(name)


def content_language_settings(codes) -> list[tuple[str, object]]:
    """(code, name) pairs for Django's LANGUAGES and Wagtail's
    WAGTAIL_CONTENT_LANGUAGES from a list of codes, the source language
    first whatever the order given."""
    ordered = [SOURCE_LANGUAGE]
    for code in codes:
        code = code.strip().lower()
        if code and code not in ordered:
            ordered.append(code)
    return [(code, LANGUAGE_NAMES.get(code, code)) for code in ordered]


def content_languages() -> list[tuple[str, str]]:
    """WAGTAIL_CONTENT_LANGUAGES, or LANGUAGES where a host leaves it unset
    (as Wagtail itself does)."""
    from django.conf import settings

    return list(
        getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", None) or settings.LANGUAGES
    )


def content_language_codes() -> list[str]:
    """The installation's content languages, the source language first."""
    return [code for code, _name in content_languages()]


def content_language_choices() -> list[tuple[str, str]]:
    """(code, name) of every content language, the source language first:
    the choices of a language field."""
    return content_languages()


def translation_language_choices() -> list[tuple[str, str]]:
    """content_language_choices() without the source language."""
    return [(c, n) for c, n in content_language_choices() if c != SOURCE_LANGUAGE]


def translation_language_codes() -> list[str]:
    """The content languages that content can be translated into."""
    return [code for code in content_language_codes() if code != SOURCE_LANGUAGE]


def is_content_language(code: str) -> bool:
    return code in content_language_codes()
