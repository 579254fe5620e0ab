"""What a change's payload hash covers: what the public sees of a page.

That is the page's published content and the related objects its API
representation shows (its organisation, and for an intervention its
category, provider, municipalities served, languages and contact person).
Renaming an organisation or a person changes the hash of every page that
shows it, and cms/changes/dependents.py records those pages as updated."""

import hashlib
import json

# Revision fields that change on every save without changing content.
VOLATILE_FIELDS = {
    "draft_title",
    "first_published_at",
    "has_unpublished_changes",
    "last_published_at",
    "latest_revision",
    "latest_revision_created_at",
    "live",
    "live_revision",
    "locked",
    "locked_at",
    "locked_by",
    "next_review_due",
}


def payload_hash(page) -> str:
    revision = page.live_revision
    content = dict(revision.content) if revision else {"pk": page.pk}
    for field in VOLATILE_FIELDS:
        content.pop(field, None)
    content["url_path"] = page.url_path
    content["related"] = related_content(page)
    encoded = json.dumps(content, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()


def _organisation_ref(organisation) -> list | None:
    if organisation is None:
        return None
    return [str(organisation.translation_key), organisation.slug, organisation.title]


def related_content(page) -> dict:
    """The related objects' fields that the API shows with `page` (the
    current rows: Wagtail keeps a published page's own row live)."""
    from cms.models import InterventionPage, OrganisationPage

    parent = page.get_parent().specific if page.depth > 1 else None
    related = {
        "organisation": _organisation_ref(parent)
        if isinstance(parent, OrganisationPage)
        else None
    }
    if not isinstance(page, InterventionPage):
        return related
    person = page.contact_person
    related.update(
        category=[page.category.slug, page.category.name],
        provider=_organisation_ref(page.provider),
        service_area=sorted(
            [*_organisation_ref(area), area.municipality_code]
            for area in page.service_area.all()
        ),
        languages=sorted(
            [language.code, language.name, language.native_name]
            for language in page.languages.all()
        ),
        contact=[person.name, person.title, person.email, person.phone]
        if person
        else None,
    )
    return related
