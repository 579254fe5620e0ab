"""Our one HSDS taxonomy and its terms (the intervention categories)."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from cms.languages import SOURCE_LANGUAGE
from delivery.hsds.ids import TAXONOMY_ID, taxonomy_term_id
from delivery.hsds.values import compact


def taxonomy() -> dict:
    """Our one taxonomy: the intervention bank's categories."""
    return {
        "id": str(TAXONOMY_ID),
        "name": _("Intervention categories"),
        "description": _("The categories of the Samverkan intervention bank."),
    }


class TaxonomyTermSerializer(serializers.BaseSerializer):
    """A category as a term, named in the context's `language` when the
    category has a name in it, else in Swedish (`language` says which)."""

    def to_representation(self, category):
        language = self.context.get("language") or SOURCE_LANGUAGE
        if not category.has_name_in(language):
            language = SOURCE_LANGUAGE
        return compact(
            {
                "id": taxonomy_term_id(category),
                "code": category.slug,
                "name": category.name_in(language),
                "taxonomy_id": str(TAXONOMY_ID),
                "language": language,
            }
        ) | {"description": category.description_in(language)}
