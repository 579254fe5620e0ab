"""cms.languages: the one set of language helpers the API, feeds, sync and
the newsletter share (no other module computes the source language, a
writing direction or the content language choices)."""

from cms.languages import (
    SOURCE_LANGUAGE,
    content_language_choices,
    content_language_codes,
    locale_direction,
    translation_language_choices,
)

LANGUAGES = [("sv", "Svenska"), ("en", "English"), ("fa", "فارسی")]


def test_choices_follow_the_configured_languages(settings):
    settings.WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
    assert content_language_choices() == LANGUAGES
    assert translation_language_choices() == LANGUAGES[1:]
    assert content_language_codes()[0] == SOURCE_LANGUAGE


def test_direction_of_a_language_and_its_regional_variants():
    assert [locale_direction(c) for c in ("ar", "fa-AF", "prs", "so", "sv")] == [
        "rtl",
        "rtl",
        "rtl",
        "ltr",
        "ltr",
    ]


def test_newsletter_reads_the_same_choices(settings):
    from newsletter.languages import (
        subscriber_language_choices,
    )
    from newsletter.languages import (
        translation_language_choices as issue_choices,
    )

    settings.WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
    assert subscriber_language_choices() == content_language_choices()
    assert issue_choices() == translation_language_choices()
