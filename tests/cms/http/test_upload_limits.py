"""Oversized uploads and requests are refused with a clear message and
nothing is saved: images (bytes and pixels: a decompression bomb), documents,
any request body over the limits (413 before it is read), too many form
fields (400, not 500), and intervention import files."""

import json
import struct
import zlib

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.images.models import Image

from cms.importing.files import ImportFileError
from cms.importing.run import run_import


def png(width: int, height: int) -> bytes:
    """A valid PNG header declaring width×height pixels, with a tiny body
    (the shape of a decompression bomb: small file, huge image)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * (width + 1)))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def admin_client(client, central_admin):
    client.force_login(central_admin)
    return client


def upload_image(client, region, content: bytes, name="bild.png"):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Bild",
            "collection": region.collection_id,
            "file": SimpleUploadedFile(name, content, content_type="image/png"),
        },
    )


def test_an_image_bomb_is_refused(admin_client, region):
    response = upload_image(admin_client, region, png(20_000, 20_000))

    assert response.status_code == 200  # the form again, with the error
    body = response.content.decode()
    assert "Filen har för hög upplösning" in body
    assert not Image.objects.exists()


def test_a_normal_image_is_accepted(admin_client, region):
    response = upload_image(admin_client, region, png(40, 30))

    assert response.status_code == 302
    assert Image.objects.get().width == 40


def test_an_image_over_the_size_limit_is_refused(admin_client, region, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    image = png(200, 200) + b"\x00" * 2048  # trailing bytes: still a valid PNG

    response = upload_image(admin_client, region, image)

    assert response.status_code == 200
    assert "för stor" in response.content.decode()
    assert not Image.objects.exists()


def test_a_document_over_the_size_limit_is_refused(admin_client, region, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024

    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Protokoll",
            "collection": region.collection_id,
            "file": SimpleUploadedFile("protokoll.pdf", b"%PDF-1.4\n" + b"x" * 4096),
        },
    )

    assert response.status_code == 200
    assert "för stor" in response.content.decode()
    assert not Document.objects.exists()


def test_an_oversized_upload_request_gets_413_before_it_is_read(
    admin_client, region, settings
):
    settings.SAMVERKAN_MAX_REQUEST_BYTES = 10_000

    response = upload_image(admin_client, region, png(40, 30) + b"\x00" * 20_000)

    assert response.status_code == 413
    assert "för stor" in response.json()["detail"]
    assert not Image.objects.exists()


def test_an_oversized_json_body_to_a_webhook_gets_413(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    body = json.dumps({"events": [{"email": "a@example.se"}] * 200})

    response = client.post(
        reverse("samverkan_newsletter:bounces_webhook"),
        body,
        content_type="application/json",
    )

    assert response.status_code == 413
    assert "för stor" in response.json()["detail"]


def test_too_many_form_fields_get_400_not_500(client, db, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    fields = {f"field{n}": "x" for n in range(50)}

    response = client.post(reverse("wagtailadmin_login"), fields)

    assert response.status_code == 400


def test_an_oversized_form_field_inside_an_upload_gets_400_not_500(
    client, db, settings
):
    """Within the upload limit, a text field over DATA_UPLOAD_MAX_MEMORY_SIZE
    is Django's RequestDataTooBig: a 400."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024

    response = client.post(
        reverse("wagtailadmin_login"), {"username": "x" * 5000, "password": "x"}
    )

    assert response.status_code == 400


def test_an_import_file_over_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("cms.importing.files.MAX_FILE_BYTES", 100)
    path = tmp_path / "insatser.csv"
    path.write_text("titel;organisation\n" + "Sfi;Botkyrka kommun\n" * 20)

    with pytest.raises(ImportFileError, match="större än 100"):
        run_import(path, commit=True)
