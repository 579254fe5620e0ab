"""What we send about an object: its current public state, read only through
cms.selectors (drafts and private pages never leave), or nothing for a
tombstone."""

import uuid

from django.db.models import Exists

from wagtail.models import Page

from cms import selectors
from cms.content.prefetching import evaluate
from cms.languages import SOURCE_LANGUAGE
from cms.models import OrganisationPage
from delivery.api.news_serializers import NewsSerializer
from delivery.api.serializers import InterventionSerializer


def _published(object_type: str):
    if object_type == "intervention":
        return selectors.interventions_published(), "uuid"
    if object_type == "news":
        return selectors.news_published().prefetch_related(None), "translation_key"
    return None, None


def objects_published(*, object_type: str, object_ids) -> dict[uuid.UUID, object]:
    """The public (Swedish, source) pages of these stable ids, with
    everything their representation shows, loaded in a fixed number of
    queries, by id. Missing ids are not public (any more)."""
    queryset, field = _published(object_type)
    if queryset is None:
        return {}
    pages = evaluate(
        queryset.filter(
            **{f"{field}__in": list(object_ids)},
            locale__language_code=SOURCE_LANGUAGE,
        ).order_by()
    )
    return {getattr(page, field): page for page in pages}


def pages_of_changes(*, object_type: str, changes, languages: str) -> dict:
    """The public page each change is sent as, by change pk: for an adapter
    that sends each language (`languages` "each"), the page in the change's
    language, else the Swedish page (which carries its translations where
    the adapter sends them). A translation keeps the object's stable id.
    Changes whose page is not public now are left out. A fixed number of
    queries."""
    source = SOURCE_LANGUAGE
    by_id = objects_published(
        object_type=object_type, object_ids={change.object_id for change in changes}
    )
    queryset, field = _published(object_type)
    wanted = {
        (change.object_id, change.locale)
        for change in changes
        if languages == "each" and change.locale != source and change.object_id in by_id
    }
    translations = {}
    if wanted:
        object_of_key = {
            by_id[object_id].translation_key: object_id for object_id, _ in wanted
        }
        pages = evaluate(
            queryset.filter(
                translation_key__in=list(object_of_key),
                locale__language_code__in={code for _, code in wanted},
            )
            .select_related("locale")
            .order_by()
        )
        for page in pages:
            object_id = object_of_key[page.translation_key]
            setattr(page, field, object_id)  # the object's one id
            translations[(object_id, page.locale.language_code)] = page
    found = {}
    for change in changes:
        if languages == "each" and change.locale != source:
            page = translations.get((change.object_id, change.locale))
        else:
            page = by_id.get(change.object_id)
        if page is not None:
            found[change.pk] = page
    return found


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
    from delivery.api.languages import translations_by_key

    context = {
        "organisations_by_path": organisations_by_path(pages),
        "translations_by_key": translations_by_key(
            pages, queryset=serializer_class.published_pages()
        ),
    }
    # One serializer for all pages: a ModelSerializer builds its fields anew
    # for every instance it is created for.
    data = serializer_class(pages, many=True, context=context).data
    return {page.pk: item for page, item in zip(pages, data, strict=True)}
