"""The languages of the newsletter: a subscriber chooses among the
installation's content languages (settings.WAGTAIL_CONTENT_LANGUAGES, the
one list), an issue may have a translation into any of them but Swedish
(the source). The words around the content (headings, footer) come in the
reader's language where the newsletter ships them, else in Swedish."""

from pathlib import Path

from django.conf import settings

from wagtail.coreutils import get_supported_content_language_variant

_LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def source_language() -> str:
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def subscriber_language_choices() -> list[tuple[str, str]]:
    """Every configured content language, Swedish first."""
    return [(code, name) for code, name in settings.WAGTAIL_CONTENT_LANGUAGES]


def translation_language_choices() -> list[tuple[str, str]]:
    return [
        (code, name)
        for code, name in subscriber_language_choices()
        if code != source_language()
    ]


def interface_language(code: str) -> str:
    """`code` if the newsletter's words exist in it (English is the
    source of the catalogue, Swedish and others ship a catalogue), else
    Swedish: never a half-English footer for an Arabic reader."""
    if code == "en" or (_LOCALE_DIR / code / "LC_MESSAGES" / "django.mo").exists():
        return code
    return source_language()


def text_direction(code: str) -> str:
    return (
        "rtl"
        if code.split("-")[0] in {"ar", "fa", "prs", "ckb", "ps", "ur", "he"}
        else "ltr"
    )
