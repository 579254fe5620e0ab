"""The permission matrix's side doors to B's images, documents and
collection (see tests/cms/scoping/permission_matrix.py)."""

from dataclasses import dataclass

from django.urls import reverse

from taggit.models import TaggedItem
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
)

# Words that must not reach A in any answer: DRAFT is in the titles of B's
# never-published pages, REVISION in the unpublished revision of each of B's
# live pages. Searches ask for DRAFT in lower case (search is
# case-insensitive), so that the query echoed in the answer is not taken for
# a leak.
from tests.cms.scoping.permission_matrix import DRAFT, REFUSED, Action

# Images, documents and collections --------------------------------------
# (the plain edit, delete, upload and collection cases are
# tests/cms/scoping/test_media_scoping.py; these are the side doors around them)


def media_state() -> dict:
    """Everything a media action could change."""
    return {
        "images": list(
            get_image_model()
            .objects.order_by("pk")
            .values_list("pk", "title", "collection_id", "file")
        ),
        "documents": list(
            get_document_model()
            .objects.order_by("pk")
            .values_list("pk", "title", "collection_id", "file")
        ),
        "collections": list(
            Collection.objects.order_by("pk").values_list("pk", "name", "path")
        ),
        "collection_restrictions": list(
            CollectionViewRestriction.objects.values_list("collection_id", "password")
        ),
        "tags": TaggedItem.objects.count(),
    }


@dataclass(frozen=True)
class MediaAction(Action):
    """A request on B's image, document or collection: url(world) and
    data(world)."""

    # Who sends the control: collections are managed by superusers only
    # (central administrators have no collection permissions).
    controller: str = "central_admin"


def _media(name, key, *extra):
    return lambda w: reverse(name, args=(w.media_b[key].pk, *extra))


def _media_bulk(app, model, action):
    def build(w):
        url = reverse("wagtail_bulk_action", args=(app, model, action))
        return f"{url}?id={w.media_b[model].pk}"

    return build


def _listing(name, query=""):
    return lambda w: reverse(name) + query


def _multiple_edit(prefix, key):
    """The form of the multiple-upload edit view: B's file moved to A."""

    def build(w):
        field = f"{prefix}-{w.media_b[key].pk}"
        collection = w.org_a.collection_id
        return {f"{field}-title": "Kapad", f"{field}-collection": collection}

    return build


def _shows(name, url, **options):
    return MediaAction(name, "get", url, kind="listing", **options)


def _opens(name, url, **options):
    return MediaAction(name, "get", url, **options)


def _alters(name, url, data=None, **options):
    return MediaAction(name, "post", url, data, control="changes", **options)


SEARCH = f"?q={DRAFT.lower()}"
BY_SUPERUSER = {"controller": "superuser"}

MEDIA_ACTIONS = [
    _shows("image listing", _listing("wagtailimages:index")),
    _shows("image chooser", _listing("wagtailimages_chooser:choose")),
    _shows(
        "image chooser search", _listing("wagtailimages_chooser:choose_results", SEARCH)
    ),
    _opens("image chosen", _media("wagtailimages_chooser:chosen", "image")),
    _opens("image format", _media("wagtailimages_chooser:select_format", "image")),
    _opens("image usage", _media("wagtailimages:image_usage", "image")),
    _opens("image preview", _media("wagtailimages:preview", "image", "fill-10x10")),
    _alters(
        "image multiple edit",
        _media("wagtailimages:edit_multiple", "image"),
        _multiple_edit("image", "image"),
    ),
    _alters("image multiple delete", _media("wagtailimages:delete_multiple", "image")),
    _alters(
        "image bulk move to A",
        _media_bulk("wagtailimages", "image", "add_to_collection"),
        lambda w: {"collection": w.org_a.collection_id},
    ),
    _alters(
        "image bulk tags",
        _media_bulk("wagtailimages", "image", "add_tags"),
        lambda w: {"tags": "kapad"},
    ),
    _shows("document listing", _listing("wagtaildocs:index")),
    _shows("document chooser", _listing("wagtaildocs_chooser:choose")),
    _shows(
        "document chooser search",
        _listing("wagtaildocs_chooser:choose_results", SEARCH),
    ),
    _opens("document chosen", _media("wagtaildocs_chooser:chosen", "document")),
    _opens("document usage", _media("wagtaildocs:document_usage", "document")),
    _alters(
        "document multiple edit",
        _media("wagtaildocs:edit_multiple", "document"),
        _multiple_edit("doc", "document"),
    ),
    _alters(
        "document multiple delete", _media("wagtaildocs:delete_multiple", "document")
    ),
    _alters("document bulk delete", _media_bulk("wagtaildocs", "document", "delete")),
    _opens(
        "collection edit form",
        _media("wagtailadmin_collections:edit", "collection"),
        **BY_SUPERUSER,
    ),
    _opens(
        "collection delete form",
        _media("wagtailadmin_collections:delete", "collection"),
        **BY_SUPERUSER,
    ),
    _opens(
        "collection privacy form",
        _media("wagtailadmin_collections:set_privacy", "collection"),
        **BY_SUPERUSER,
    ),
    _alters(
        "collection privacy: password",
        _media("wagtailadmin_collections:set_privacy", "collection"),
        lambda w: {"restriction_type": "password", "password": "hemligt123"},
        **BY_SUPERUSER,
    ),
    _alters(
        "collection: add a child",
        _listing("wagtailadmin_collections:add"),
        lambda w: {"name": "In i B", "parent": w.media_b["collection"].pk},
        refused=REFUSED | {200},
        **BY_SUPERUSER,
    ),
]
