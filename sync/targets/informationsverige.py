"""Informationsverige (proposal, docs/sync/informationsverige.md): entries
per municipality in several languages, many per request.

Every intervention becomes one entry for each municipality it serves (its
service area, else its owning municipality), with its texts keyed by
language code (Swedish always; other languages where a live translation of
the page exists). A batch replaces all entries of each intervention it
names; `removed` lists interventions whose entries are to be deleted. The
payload follows docs/sync/informationsverige.schema.json."""

import uuid

from cms.models import OrganisationKind
from sync.payloads import organisations_by_path
from sync.targets.base import AdapterBase

SCHEMA_VERSION = "0.1"
ENTRY_NAMESPACE = uuid.UUID("6b1f6f0e-4c1e-4bb8-9a0b-3e7c8b6e5a11")


def _texts(page) -> dict:
    return {
        "title": page.title,
        "summary": page.summary or "",
        "how_to_apply": page.how_to_apply or "",
        "eligibility": page.eligibility or "",
    }


class InformationsverigeAdapter(AdapterBase):
    batched = True
    object_types = ("intervention",)

    def prepare(self, items):
        pages = [item.page for item in items if not item.is_tombstone]
        self.owners = organisations_by_path(pages)

    def municipalities(self, page) -> list:
        areas = [
            area
            for area in page.service_area.all()
            if area.kind == OrganisationKind.MUNICIPALITY and area.municipality_code
        ]
        if areas:
            return areas
        owner = self.owners.get(page.path[: -page.steplen])
        if (
            owner
            and owner.kind == OrganisationKind.MUNICIPALITY
            and owner.municipality_code
        ):
            return [owner]
        return []

    def body(self, items):
        entries, removed = [], []
        for item in items:
            intervention_id = str(item.change.object_id)
            if item.is_tombstone:
                removed.append(
                    {"intervention_id": intervention_id, "version": item.change.version}
                )
                continue
            page = item.page
            texts = {"sv": _texts(page)}
            for translation in page.get_translations().live().public().specific():
                texts[translation.locale.language_code] = _texts(translation)
            person = page.contact_person
            for municipality in self.municipalities(page):
                entries.append(
                    {
                        "id": str(
                            uuid.uuid5(
                                ENTRY_NAMESPACE,
                                f"{intervention_id}:{municipality.municipality_code}",
                            )
                        ),
                        "intervention_id": intervention_id,
                        "version": item.change.version,
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
                        "modified_at": item.change.modified_at.isoformat(),
                    }
                )
        return {
            "schema_version": SCHEMA_VERSION,
            "source": "samverkan",
            "region": self.target.region.title,
            "entries": entries,
            "removed": removed,
        }
