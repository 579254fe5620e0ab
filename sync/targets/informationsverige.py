"""Informationsverige (proposal, docs/partners/informationsverige.md): entries
per municipality in several languages, many per request.

Every intervention becomes one entry for each municipality it serves (its
service area, else its owning municipality), with its texts keyed by
language code (Swedish always; other languages where a live translation of
the page exists). A batch replaces all entries of each intervention it
names; `removed` lists interventions whose entries are to be deleted. The
payload follows docs/partners/informationsverige.schema.json."""

import uuid
from collections import defaultdict

from cms.languages import SOURCE_LANGUAGE
from cms.models import InterventionPage, OrganisationKind
from sync.payloads import organisations_by_path
from sync.targets.base import AdapterBase, json_object, json_text

SCHEMA_VERSION = "0.1"
ENTRY_NAMESPACE = uuid.UUID("6b1f6f0e-4c1e-4bb8-9a0b-3e7c8b6e5a11")


def translations_of(pages) -> dict:
    """The public translations of each page, by page pk, in one query for
    all pages: the other pages of its translation key."""
    by_key = defaultdict(list)
    for translation in (
        InterventionPage.objects.live()
        .public()
        .filter(translation_key__in={page.translation_key for page in pages})
        .exclude(pk__in=[page.pk for page in pages])
        .select_related("locale", "category")
        .order_by("locale__language_code")
    ):
        by_key[translation.translation_key].append(translation)
    return {
        page.pk: [t for t in by_key[page.translation_key] if t.pk != page.pk]
        for page in pages
    }


def _texts(page, language: str) -> dict:
    return {
        "title": page.title,
        "category": page.category.name_in(language),
        "summary": page.summary or "",
        "how_to_apply": page.how_to_apply or "",
        "eligibility": page.eligibility or "",
    }


class InformationsverigeAdapter(AdapterBase):
    batched = True
    object_types = ("intervention",)
    payload_format = "informationsverige.1"
    languages = "all"

    def municipalities(self, page, owners) -> list:
        areas = [
            area
            for area in page.service_area.all()
            if area.kind == OrganisationKind.MUNICIPALITY and area.municipality_code
        ]
        if areas:
            return areas
        owner = owners.get(page.path[: -page.steplen])
        if (
            owner
            and owner.kind == OrganisationKind.MUNICIPALITY
            and owner.municipality_code
        ):
            return [owner]
        return []

    def fragments(self, *, object_type, pages, changes):
        """The entries of each intervention (a JSON list, one per
        municipality it serves)."""
        owners = organisations_by_path(pages)
        translations = translations_of(pages)
        return {
            page.pk: self.entries(page, changes[page.pk], owners, translations[page.pk])
            for page in pages
        }

    def entries(self, page, change, owners, translations) -> list:
        intervention_id = str(change.object_id)
        texts = {SOURCE_LANGUAGE: _texts(page, SOURCE_LANGUAGE)}
        for translation in translations:
            code = translation.locale.language_code
            texts[code] = _texts(translation, code)
        person = page.contact_person
        return [
            {
                "id": str(
                    uuid.uuid5(
                        ENTRY_NAMESPACE,
                        f"{intervention_id}:{municipality.municipality_code}",
                    )
                ),
                "intervention_id": intervention_id,
                "version": change.version,
                "municipality": {
                    "code": municipality.municipality_code,
                    "name": municipality.title,
                },
                "category": page.category.name,
                "offered_in_languages": [
                    language.code for language in page.languages.all()
                ],
                "texts": texts,
                "contact": {
                    "email": page.contact_email
                    or (person.email if person else "")
                    or "",
                    "phone": page.contact_phone or "",
                },
                "modified_at": change.modified_at.isoformat(),
            }
            for municipality in self.municipalities(page, owners)
        ]

    def body(self, items):
        entries, removed = [], []
        for item in items:
            if item.is_tombstone:
                removed.append(
                    {
                        "intervention_id": str(item.change.object_id),
                        "version": item.change.version,
                    }
                )
            elif item.fragment != "[]":
                entries.append(item.fragment[1:-1])  # the list's members
        return json_object(
            {
                "schema_version": SCHEMA_VERSION,
                "source": "samverkan",
                "region": self.target.region.title,
            },
            raw={
                "entries": "[" + ",".join(entries) + "]",
                "removed": json_text(removed),
            },
        )
