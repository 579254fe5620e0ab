"""Images, documents and collections are scoped like pages: an editor of
organisation A cannot see in the listing, edit, replace, delete or move B's
files, nor touch B's collection; the database and files stay as they were.
Parametrised: one line per attempt."""

import io

import pytest
from PIL import Image as PILImage

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

DENIED = {302, 403, 404}


def _png(name):
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "#2a6").save(buffer, "PNG")
    buffer.seek(0)
    return ImageFile(buffer, name=name)


@pytest.fixture
def media(org_a, org_b):
    org_a.refresh_from_db()
    org_b.refresh_from_db()
    return {
        "image_a": get_image_model().objects.create(
            title="A:s bild", file=_png("a.png"), collection=org_a.collection
        ),
        "image_b": get_image_model().objects.create(
            title="B:s bild", file=_png("b.png"), collection=org_b.collection
        ),
        "document_b": get_document_model().objects.create(
            title="B:s dokument",
            file=ContentFile(b"hemligt", name="b.txt"),
            collection=org_b.collection,
        ),
        "collection_a": org_a.collection,
        "collection_b": org_b.collection,
    }


def snapshot(media):
    image = get_image_model().objects.filter(pk=media["image_b"].pk).first()
    document = get_document_model().objects.filter(pk=media["document_b"].pk).first()
    collection = Collection.objects.get(pk=media["collection_b"].pk)
    return (
        image and (image.title, image.collection_id, image.file.name),
        document and (document.title, document.collection_id, document.file.name),
        (collection.name, collection.path),
    )


def attempts(media):
    image, document = media["image_b"], media["document_b"]
    collection_a, collection_b = media["collection_a"], media["collection_b"]
    return {
        "edit B's image": (
            "post",
            reverse("wagtailimages:edit", args=(image.pk,)),
            {"title": "Kapad", "collection": collection_a.pk, "tags": ""},
        ),
        "delete B's image": (
            "post",
            reverse("wagtailimages:delete", args=(image.pk,)),
            {},
        ),
        "open B's image": (
            "get",
            reverse("wagtailimages:edit", args=(image.pk,)),
            None,
        ),
        "edit B's document": (
            "post",
            reverse("wagtaildocs:edit", args=(document.pk,)),
            {"title": "Kapad", "collection": collection_a.pk, "tags": ""},
        ),
        "delete B's document": (
            "post",
            reverse("wagtaildocs:delete", args=(document.pk,)),
            {},
        ),
        "upload into B's collection": (
            "post",
            reverse("wagtailimages:add"),
            {"title": "In i B", "collection": collection_b.pk, "file": _png("c.png")},
        ),
        "bulk delete B's image": (
            "post",
            reverse("wagtail_bulk_action", args=("wagtailimages", "image", "delete"))
            + f"?id={image.pk}",
            {},
        ),
        "bulk move B's document": (
            "post",
            reverse(
                "wagtail_bulk_action",
                args=("wagtaildocs", "document", "add_to_collection"),
            )
            + f"?id={document.pk}",
            {"collection": collection_a.pk},
        ),
        "rename B's collection": (
            "post",
            reverse("wagtailadmin_collections:edit", args=(collection_b.pk,)),
            {"name": "Kapad", "parent": collection_b.get_parent().pk},
        ),
        "delete B's collection": (
            "post",
            reverse("wagtailadmin_collections:delete", args=(collection_b.pk,)),
            {},
        ),
    }


ATTEMPTS = [
    "edit B's image",
    "delete B's image",
    "open B's image",
    "edit B's document",
    "delete B's document",
    "upload into B's collection",
    "bulk delete B's image",
    "bulk move B's document",
    "rename B's collection",
    "delete B's collection",
]


def test_every_attempt_is_listed(media):
    assert list(attempts(media)) == ATTEMPTS


@pytest.mark.parametrize("name", ATTEMPTS)
def test_editor_of_a_cannot_touch_bs_media(client, editor_a, media, name):
    client.force_login(editor_a)
    method, url, data = attempts(media)[name]
    before = snapshot(media)
    images_before = get_image_model().objects.count()

    response = client.get(url) if method == "get" else client.post(url, data)

    if name == "upload into B's collection":
        # Uploading is A's right; the collection asked for is ignored and
        # the image lands in A's own (the only one A may add to).
        assert response.status_code == 302
        uploaded = get_image_model().objects.get(title="In i B")
        assert uploaded.collection_id == media["collection_a"].pk
    else:
        assert response.status_code in DENIED, (name, response.status_code)
        assert get_image_model().objects.count() == images_before
    assert snapshot(media) == before, name


def test_listings_show_only_own_files(client, editor_a, media):
    client.force_login(editor_a)
    images = client.get(reverse("wagtailimages:index")).content.decode()
    documents = client.get(reverse("wagtaildocs:index")).content.decode()
    assert "A:s bild" in images
    assert "B:s bild" not in images
    assert "B:s dokument" not in documents


def test_the_editor_may_do_the_same_with_own_media(client, editor_a, media):
    """Positive control: the denials above are scoping, not broken requests."""
    client.force_login(editor_a)
    image = media["image_a"]
    response = client.post(
        reverse("wagtailimages:edit", args=(image.pk,)),
        {"title": "Ny titel", "collection": media["collection_a"].pk, "tags": ""},
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.title == "Ny titel"
