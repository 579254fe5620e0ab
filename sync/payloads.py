"""What we send about an object: its current public state, read only through
cms.selectors (drafts and private pages never leave), or nothing for a
tombstone."""

import uuid

from cms import selectors
from cms.models import OrganisationPage


def _published(object_type: str):
    if object_type == "intervention":
        return selectors.interventions_published(), "uuid"
    if object_type == "news":
        return selectors.news_published().prefetch_related(None), "translation_key"
    return None, None


def objects_published(*, object_type: str, object_ids) -> dict[uuid.UUID, object]:
    """The public pages of these stable ids, loaded in a fixed number of
    queries, by id. Missing ids are not public (any more)."""
    queryset, field = _published(object_type)
    if queryset is None:
        return {}
    pages = list(queryset.filter(**{f"{field}__in": list(object_ids)}).order_by())
    return {getattr(page, field): page for page in pages}


def organisations_by_path(pages) -> dict[str, OrganisationPage]:
    paths = {page.path[: -page.steplen] for page in pages}
    return {
        organisation.path: organisation
        for organisation in selectors.organisations_published().filter(path__in=paths)
    }


def delivery_api_representation(*, object_type: str, pages) -> dict:
    """The objects as the delivery API (/api/v1/) shows them, by page pk."""
    from cms.api.serializers import InterventionSerializer, NewsSerializer

    serializer_class = {
        "intervention": InterventionSerializer,
        "news": NewsSerializer,
    }[object_type]
    context = {"organisations_by_path": organisations_by_path(pages)}
    # One serializer for all pages: a ModelSerializer builds its fields anew
    # for every instance it is created for.
    data = serializer_class(pages, many=True, context=context).data
    return {page.pk: item for page, item in zip(pages, data, strict=True)}
