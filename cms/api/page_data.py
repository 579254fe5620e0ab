"""One page as the delivery API serialises it, outside the API's views: for
a public page's schema.org JSON-LD (the same graph `?format=jsonld` serves)
and for a news body's blocks. Works on a draft revision too (previews)."""

from cms.api.jsonld import BUILDERS, SCRIPT_SAFE, jsonld_for
from cms.api.serializers import (
    EventSerializer,
    InterventionSerializer,
    NewsSerializer,
    OrganisationSerializer,
    body_images_and_documents,
)
from cms.models import InterventionPage, MeetingPage, NewsPage, OrganisationPage

SERIALIZERS = {
    InterventionPage: InterventionSerializer,
    NewsPage: NewsSerializer,
    MeetingPage: EventSerializer,
    OrganisationPage: OrganisationSerializer,
}


def page_api_data(*, page, request=None) -> dict | None:
    """The API's JSON for the page, or None for a type the API does not
    serve."""
    serializer_class = next(
        (
            serializer
            for model, serializer in SERIALIZERS.items()
            if isinstance(page, model)
        ),
        None,
    )
    if serializer_class is None:
        return None
    context = {"request": request}
    if not isinstance(page, OrganisationPage):
        parent = page.get_parent() if page.pk else None
        if parent is not None:
            context["organisations_by_path"] = {parent.path: parent.specific}
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
    return jsonld_for(page, data, url=url)


def script_safe_json(value: dict) -> str:
    """JSON for a <script type="application/ld+json"> element: no string in
    it can close the element or open a comment."""
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        SCRIPT_SAFE
    )
