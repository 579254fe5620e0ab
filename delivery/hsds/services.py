"""HSDS services (our interventions), list form."""

from rest_framework import serializers

from cms.models import InterventionStatus
from delivery.hsds.conf import conf
from delivery.hsds.organizations import OrganizationSerializer
from delivery.hsds.values import _date, compact, plain_text

STATUS = {
    InterventionStatus.ACTIVE: "active",
    InterventionStatus.TEMPORARILY_CLOSED: "temporarily closed",
    InterventionStatus.ENDED: "defunct",
}


def _service_url(page, *, owner_is_public: bool) -> str | None:
    """SERVICE_URL filled in, else the page's public address (the built-in
    site or its region's own front end), else None. The address's path
    names the owner organisation: None while that one is a draft or
    private."""
    template = conf("SERVICE_URL")
    if template:
        return template.format(id=page.uuid, slug=page.slug)
    if not owner_is_public:
        return None
    return page.get_full_url()


class ServiceListSerializer(serializers.BaseSerializer):
    """A service with its one-to-one fields and its organization."""

    def to_representation(self, page):
        service_id = str(page.uuid)
        organisation = self.context["organisation_of"](page)
        person = page.contact_person
        data = compact(
            {
                "id": service_id,
                "organization_id": (
                    str(organisation.translation_key) if organisation else None
                ),
                "name": page.title,
                "description": "\n\n".join(
                    part
                    for part in (page.summary, plain_text(page.description))
                    if part
                ),
                "url": _service_url(
                    page,
                    owner_is_public=self.context.get(
                        "owner_is_public", lambda page: True
                    )(page),
                ),
                "email": page.contact_email or (person.email if person else None),
                "status": STATUS.get(page.status, "inactive"),
                "application_process": page.how_to_apply,
                "fees_description": page.cost_description,
                "eligibility_description": page.eligibility,
                "minimum_age": page.min_age,
                "maximum_age": page.max_age,
                "assured_date": _date(page.last_reviewed_at),
                "last_modified": (
                    page.last_published_at.isoformat()
                    if page.last_published_at
                    else None
                ),
            }
        )
        if organisation is not None:
            data["organization"] = OrganizationSerializer().to_representation(
                organisation
            )
        return data
