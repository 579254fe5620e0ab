"""A translation belongs to the same organisation as its source.

Wagtail keeps each language's pages in a tree of their own: the Arabic
translation of Botkyrka's intervention lives below the Arabic translation (or
alias) of Botkyrka's organisation page, below the Arabic region page. Scoping
rests on page rights that pass down the tree (cms.scoping.permissions), so the
translation of a region or organisation page gets the same group page rights
as its source: Botkyrka's editors edit Botkyrka's pages in every language and
nobody else's.
"""

from django.db import transaction

from wagtail.models import GroupPagePermission, Page


@transaction.atomic
def translation_rights_copy(*, page: Page) -> int:
    """Give `page`, a translation (or alias in another language) of a page,
    the group page rights its source-language page holds. Idempotent; returns
    how many rights were added."""
    from cms.translations.selectors import page_source

    source = page_source(page=page)
    if source is None or source.pk == page.pk:
        return 0
    _share_groups(page=page, source=source)
    added = 0
    for right in GroupPagePermission.objects.filter(page=source):
        _right, created = GroupPagePermission.objects.get_or_create(
            group_id=right.group_id, page=page, permission_id=right.permission_id
        )
        added += created
    return added


# The fields that tie a region or organisation page to its group and media
# collection; a copy for translation leaves them out (exclude_fields_in_copy).
SHARED_FIELDS = {
    "RegionPage": ("central_group", "collection"),
    "OrganisationPage": ("editors_group", "collection"),
}


def _share_groups(*, page: Page, source: Page) -> None:
    source = source.specific
    fields = SHARED_FIELDS.get(type(source).__name__, ())
    if fields:
        values = {f"{name}_id": getattr(source, f"{name}_id") for name in fields}
        type(source).objects.filter(pk=page.pk).update(**values)
