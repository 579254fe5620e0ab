"""HSDS organizations (our organisation pages)."""

from rest_framework import serializers

from cms.content.html import link_url
from delivery.hsds.ids import derived_id
from delivery.hsds.values import compact


class OrganizationSerializer(serializers.BaseSerializer):
    """An HSDS organization (list form, also nested in a service)."""

    def to_representation(self, organisation):
        return compact(
            {
                "id": str(organisation.translation_key),
                "name": organisation.title,
                "description": organisation.description,
                "email": organisation.email,
                "website": link_url(organisation.website),
            }
        ) | {"description": organisation.description}


class OrganizationDetailSerializer(OrganizationSerializer):
    def to_representation(self, organisation):
        data = super().to_representation(organisation)
        org_id = data["id"]
        if organisation.phone:
            data["phones"] = [
                {
                    "id": derived_id(org_id, "phone"),
                    "organization_id": org_id,
                    "number": organisation.phone,
                }
            ]
        if organisation.org_number:
            data["organization_identifiers"] = [
                {
                    "id": derived_id(org_id, "organization_identifier", "SE-ON"),
                    "organization_id": org_id,
                    "identifier_scheme": "SE-ON",
                    "identifier_type": "Organisationsnummer",
                    "identifier": organisation.org_number,
                }
            ]
        return data
