"""The languages of the newsletter: a subscriber chooses among the
installation's content languages (cms.languages, the one list), an issue may
have a translation into any of them but Swedish (the source). The words
around the content (headings, footer) come in the reader's language where
the newsletter ships them, else in Swedish."""

from pathlib import Path

from cms.languages import (
    SOURCE_LANGUAGE,
    content_language_choices,
)
from cms.languages import (
    translation_language_choices as content_translation_choices,
)

_LOCALE_DIR = Path(__file__).resolve().parent / "locale"


# The choices of the subscriber's and the issue translation's language
# fields; named here because the migrations name them.
def subscriber_language_choices() -> list[tuple[str, str]]:
    """Every configured content language, Swedish first."""
    return content_language_choices()


def translation_language_choices() -> list[tuple[str, str]]:
    return content_translation_choices()


def interface_language(code: str) -> str:
    """`code` if the newsletter's words exist in it (English is the
    source of the catalogue, Swedish and others ship a catalogue), else
    Swedish: never a half-English footer for an Arabic reader."""
    if code == "en" or (_LOCALE_DIR / code / "LC_MESSAGES" / "django.mo").exists():
        return code
    return SOURCE_LANGUAGE
