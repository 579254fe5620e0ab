"""One page as the delivery API serialises it, outside the API's views: for
a public page's schema.org JSON-LD (the same graph `?format=jsonld` serves)
and for a news body's blocks. Works on a draft revision too (previews)."""

from cms.models import InterventionPage, MeetingPage, NewsPage, OrganisationPage
from cms.selectors import (
    interventions_published,
    meetings_public,
    news_public,
    organisations_published,
)
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
    related pages); a preview shows the version being previewed."""
    model = next((model for model in SERIALIZERS if isinstance(page, model)), None)
    if model is None:
        return None
    serializer_class = SERIALIZERS[model]
    if not getattr(request, "is_preview", False):
        page = PUBLISHED[model]().filter(pk=page.pk).first()
        if page is None:
            return None
        if isinstance(page, InterventionPage):
            from cms.changes.log import object_stable_id

            # A translation is named by its Swedish source's id, as in the
            # API (this copy of the page is ours alone).
            page.uuid = object_stable_id(page)
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
    return serializer_class(page, context=context).data


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
