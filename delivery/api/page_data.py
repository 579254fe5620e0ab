"""One page as the delivery API serialises it, outside the API's views: for
a public page's schema.org JSON-LD (the same graph `?format=jsonld` serves)
and for a news body's blocks. Works on a draft revision too (previews).

A live page's data comes from the same stored representations the API's
lists and details are assembled from (delivery.api.fragments, under the
page, its language and the address asked): a public page and the API
detail of the same object in the same language build it once between
them, and neither runs the serializer again until the object changes."""

from cms.models import InterventionPage, MeetingPage, NewsPage, OrganisationPage
from cms.selectors import (
    interventions_published,
    meetings_public,
    news_public,
    organisations_published,
)
from delivery.api.fragments import FRAGMENT_KINDS, fragments_assemble
from delivery.api.news_serializers import (
    EventSerializer,
    NewsSerializer,
    body_images_and_documents,
)
from delivery.api.serializers import InterventionSerializer, OrganisationSerializer
from delivery.jsonld import BUILDERS, SCRIPT_SAFE, jsonld_for

SERIALIZERS = {
    InterventionPage: InterventionSerializer,
    NewsPage: NewsSerializer,
    MeetingPage: EventSerializer,
    OrganisationPage: OrganisationSerializer,
}

PUBLISHED = {
    InterventionPage: interventions_published,
    NewsPage: news_public,
    MeetingPage: meetings_public,
    OrganisationPage: organisations_published,
}


def page_api_data(*, page, request=None) -> dict | None:
    """The API's JSON for the page, or None for a type the API does not
    serve. A live page is read as the API reads it (only published, public
    related pages), from the stored representation when it is current; a
    preview shows the version being previewed."""
    model = next((model for model in SERIALIZERS if isinstance(page, model)), None)
    if model is None:
        return None
    if getattr(request, "is_preview", False):
        return _serialized(page, model=model, request=request)
    published = PUBLISHED[model]().filter(pk=page.pk)
    if not published.prefetch_related(None).exists():
        return None
    if request is None:  # no address to store it under
        return _serialized(_loaded(published), model=model, request=None)
    from cms.changes.log import object_stable_id

    (data,) = fragments_assemble(
        pages=[page],
        kind=FRAGMENT_KINDS[model],
        stable_ids=[object_stable_id(page)],
        language=page.locale.language_code,
        origin=request.build_absolute_uri("/"),
        build=lambda _missing: [
            _serialized(_loaded(published), model=model, request=request)
        ],
    )
    return data


def _loaded(published):
    """The live page as the API loads it; a translation named by its
    Swedish source's id, as in the API (this copy of the page is ours
    alone)."""
    page = published.first()
    if isinstance(page, InterventionPage):
        from cms.changes.log import object_stable_id

        page.uuid = object_stable_id(page)
    return page


def _serialized(page, *, model, request) -> dict:
    context = {"request": request}
    if not isinstance(page, OrganisationPage) and page.path:
        # The owner is named only when published and public, as in the API.
        parent_path = page.path[: -page.steplen]
        context["organisations_by_path"] = {
            organisation.path: organisation
            for organisation in organisations_published().filter(path=parent_path)
        }
    if isinstance(page, NewsPage):
        images, documents = body_images_and_documents([page])
        context["images_by_id"], context["documents_by_id"] = images, documents
    return SERIALIZERS[model](page, context=context).data


def page_jsonld(*, page, url: str, request=None) -> dict | None:
    """schema.org JSON-LD of the page (GovernmentService, NewsArticle,
    Event, GovernmentOrganization), or None for other types."""
    if not any(isinstance(page, model) for model in BUILDERS):
        return None
    data = page_api_data(page=page, request=request)
    return None if data is None else jsonld_for(page, data, url=url)


def script_safe_json(value: dict) -> str:
    """JSON for a <script type="application/ld+json"> element: no string in
    it can close the element or open a comment."""
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        SCRIPT_SAFE
    )
