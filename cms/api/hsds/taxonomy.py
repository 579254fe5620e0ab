"""Our one HSDS taxonomy and its terms (the intervention categories)."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from cms.api.hsds.ids import TAXONOMY_ID, taxonomy_term_id
from cms.api.hsds.values import compact


def taxonomy() -> dict:
    """Our one taxonomy: the intervention bank's categories."""
    return {
        "id": str(TAXONOMY_ID),
        "name": _("Intervention categories"),
        "description": _("The categories of the Samverkan intervention bank."),
    }


class TaxonomyTermSerializer(serializers.BaseSerializer):
    def to_representation(self, category):
        return compact(
            {
                "id": taxonomy_term_id(category),
                "code": category.slug,
                "name": category.name,
                "taxonomy_id": str(TAXONOMY_ID),
                "language": "sv",
            }
        ) | {"description": category.description}
