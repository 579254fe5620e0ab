"""Many live intervention pages inserted straight into the page tables, for
benchmarks: publishing 100,000 pages one by one takes very long and measures
nothing of interest there. Tests use the factories."""

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
BATCH = 2000


def tree_segment(number: int) -> str:
    """One step of a treebeard path: four base-36 digits."""
    out = ""
    for _n in range(4):
        number, digit = divmod(number, 36)
        out = ALPHABET[digit] + out
    return out


def interventions_bulk_insert(rows) -> list[int]:
    """Insert `rows`, pairs of (organisation, InterventionPage with its own
    fields and title set), as live children of their organisations, after
    any children they have. Returns the new page ids, in order."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from wagtail.models import Locale, Page

    from cms.models import InterventionPage

    content_type = ContentType.objects.get_for_model(InterventionPage)
    locale = Locale.get_default()
    children_of = {}
    pages = []
    for organisation, child in rows:
        position = children_of.get(organisation.pk, organisation.numchild) + 1
        children_of[organisation.pk] = position
        child.slug = child.slug or f"insats-{organisation.pk}-{position}"
        pages.append(
            Page(
                title=child.title,
                draft_title=child.title,
                slug=child.slug,
                content_type=content_type,
                path=organisation.path + tree_segment(position),
                depth=organisation.depth + 1,
                numchild=0,
                url_path=f"{organisation.url_path}{child.slug}/",
                live=True,
                locale=locale,
            )
        )
    created = Page.objects.bulk_create(pages, batch_size=BATCH)
    children = [child for _organisation, child in rows]
    for page, child in zip(created, children, strict=True):
        child.page_ptr_id = child.pk = page.pk
    fields = InterventionPage._meta.local_concrete_fields
    for offset in range(0, len(children), BATCH):
        InterventionPage.objects._insert(
            children[offset : offset + BATCH], fields=fields, using=connection.alias
        )
    for organisation_pk, numchild in children_of.items():
        Page.objects.filter(pk=organisation_pk).update(numchild=numchild)
    return [page.pk for page in created]
