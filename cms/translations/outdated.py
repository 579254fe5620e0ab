"""Outdated translations: when the Swedish source of a translated page is
published with changed content, its translations are marked outdated until
their editors publish them again (which says: this translation now matches
the source).

A source's content is compared by a fingerprint of its editable content
fields (title, texts, choices, links...), not of bookkeeping (review dates,
owner, slug, publishing dates), so confirming a review or re-publishing
unchanged content marks nothing.
"""

import hashlib
import json

from django.db import transaction
from django.utils import timezone

from wagtail.models import Page

from cms.languages import SOURCE_LANGUAGE
from cms.models import TranslationState

# Fields whose change does not make a translation outdated.
NOT_CONTENT = frozenset(
    {
        "id",
        "path",
        "depth",
        "numchild",
        "slug",
        "url_path",
        "translation_key",
        "locale",
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "live_revision",
        "latest_revision",
        "latest_revision_created_at",
        "go_live_at",
        "expire_at",
        "expired",
        "locked",
        "locked_at",
        "locked_by",
        "owner",
        "content_type",
        "draft_title",
        "alias_of",
        "show_in_menus",
        "page_ptr",
        "last_reviewed_at",
        "next_review_due",
        "review_interval_months",
        "responsible_owner",
        "completeness",
        "uuid",
        "external_id",
    }
)


def content_fingerprint(page: Page) -> str:
    """A digest of the page's content fields as they are now in memory."""
    page = page.specific
    values = {}
    for field in type(page)._meta.concrete_fields:
        if field.name in NOT_CONTENT or field.name.endswith("_ptr"):
            continue
        values[field.name] = field.value_to_string(page)
    encoded = json.dumps(values, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()


def _source_of(page: Page) -> Page | None:
    return (
        Page.objects.filter(
            translation_key=page.translation_key,
            locale__language_code=SOURCE_LANGUAGE,
            live=True,
        )
        .specific()
        .first()
    )


@transaction.atomic
def translation_mark_current(*, translation: Page) -> None:
    """The translation was published: it matches its source as the source
    is published now."""
    source = _source_of(translation)
    if source is None or translation.alias_of_id is not None:
        return
    TranslationState.objects.update_or_create(
        page_id=translation.pk,
        defaults={
            "source_fingerprint": content_fingerprint(source),
            "outdated_since": None,
        },
    )


@transaction.atomic
def translations_mark_outdated(*, source: Page) -> int:
    """The Swedish `source` was published: each of its translations whose
    recorded source fingerprint differs is marked outdated (from now, unless
    it already was). Returns how many were newly marked."""
    fingerprint = content_fingerprint(source)
    translations = Page.objects.filter(
        translation_key=source.translation_key, alias_of__isnull=True
    ).exclude(pk=source.pk)
    states = TranslationState.objects.filter(
        page__in=translations, outdated_since__isnull=True
    ).exclude(source_fingerprint=fingerprint)
    return states.update(outdated_since=timezone.now())


def translation_page_published(*, page: Page) -> None:
    """After any publish: a source marks its translations, a translation is
    marked current."""
    if page.locale.language_code == SOURCE_LANGUAGE:
        if Page.objects.filter(translation_key=page.translation_key).count() > 1:
            translations_mark_outdated(source=page)
    else:
        translation_mark_current(translation=page)
