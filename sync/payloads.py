"""What we send about an object: its current public state, read only through
cms.selectors (drafts and private pages never leave), or nothing for a
tombstone."""

import uuid

from django.db.models import Exists

from wagtail.models import Page

from cms import selectors
from cms.api.serializers import InterventionSerializer, NewsSerializer
from cms.models import OrganisationPage
from cms.prefetching import evaluate


def _published(object_type: str):
    if object_type == "intervention":
        return selectors.interventions_published(), "uuid"
    if object_type == "news":
        return selectors.news_published().prefetch_related(None), "translation_key"
    return None, None


def objects_published(*, object_type: str, object_ids) -> dict[uuid.UUID, object]:
    """The public pages of these stable ids, with everything their
    representation shows, loaded in a fixed number of queries, by id.
    Missing ids are not public (any more)."""
    queryset, field = _published(object_type)
    if queryset is None:
        return {}
    pages = evaluate(queryset.filter(**{f"{field}__in": list(object_ids)}).order_by())
    return {getattr(page, field): page for page in pages}


def is_published(*, object_type: str, object_id) -> Exists:
    """An expression for a filter: the object of stable id `object_id` (an
    OuterRef) is public now."""
    queryset, field = _published(object_type)
    if queryset is None:
        return Exists(Page.objects.none())
    return Exists(
        queryset.filter(**{field: object_id})
        .select_related(None)
        .prefetch_related(None)
        .order_by()
    )


def organisations_by_path(pages) -> dict[str, OrganisationPage]:
    paths = {page.path[: -page.steplen] for page in pages}
    return {
        organisation.path: organisation
        for organisation in selectors.organisations_published().filter(path__in=paths)
    }


class _Repeated:
    """What the delivery API's serializers compute again for every page
    although many pages share it: the organisation reference (a serializer
    per page) and the review status (a function of the due date). Kept in
    the serializer context, so one bulk representation computes each once;
    the output is the API's own."""

    def _memo(self, name, key, compute):
        memo = self.context.setdefault(f"_sync_{name}", {})
        if key not in memo:
            memo[key] = compute()
        return memo[key]

    def get_organisation(self, page):
        return self._memo(
            "organisation",
            page.path[: -page.steplen],
            lambda: super(_Repeated, self).get_organisation(page),
        )


class _InterventionRepresentation(_Repeated, InterventionSerializer):
    def get_review_status(self, page) -> str:
        return self._memo(
            "review_status",
            page.next_review_due,
            lambda: super(_InterventionRepresentation, self).get_review_status(page),
        )


class _NewsRepresentation(_Repeated, NewsSerializer):
    pass


def delivery_api_representation(*, object_type: str, pages) -> dict:
    """The objects as the delivery API (/api/v1/) shows them, by page pk."""
    serializer_class = {
        "intervention": _InterventionRepresentation,
        "news": _NewsRepresentation,
    }[object_type]
    context = {"organisations_by_path": organisations_by_path(pages)}
    # One serializer for all pages: a ModelSerializer builds its fields anew
    # for every instance it is created for.
    data = serializer_class(pages, many=True, context=context).data
    return {page.pk: item for page, item in zip(pages, data, strict=True)}
