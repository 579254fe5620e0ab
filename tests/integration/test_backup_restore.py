"""make backup / make restore: a PostgreSQL dump plus the media, restored
into an empty database on another "machine" (a fresh database and media
folder), finds the same content with working images."""

import io
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from PIL import Image as PILImage

from django.conf import settings
from django.core.files.images import ImageFile
from django.core.management import call_command

from wagtail.images import get_image_model

from tests.factories import InterventionPageFactory, OrganisationPageFactory, publish

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.own_services,  # waits on processes: beside the parallel part
]
ROOT = Path(__file__).resolve().parents[2]

CHECK = """
import json
from wagtail.images import get_image_model
from cms.models import InterventionPage
image = get_image_model().objects.get(title="Logotyp")
rendition = image.get_rendition("fill-20x20")
print(json.dumps({
    "interventions": sorted(InterventionPage.objects.live().values_list("title", flat=True)),
    "image_size": [image.width, image.height],
    "rendition": [rendition.width, rendition.height],
    "rendition_file": rendition.file.path,
}))
"""


@pytest.fixture
def media_on_disk(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return settings.MEDIA_ROOT


@pytest.fixture
def empty_database():
    db = settings.DATABASES["default"]
    name = f"restore_{uuid.uuid4().hex[:8]}"
    params = {
        "host": db["HOST"],
        "port": db["PORT"],
        "user": db["USER"],
        "password": db.get("PASSWORD") or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**params) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    yield f"postgres://{auth}@{db['HOST']}:{db['PORT']}/{name}"
    with psycopg.connect(**params) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _png() -> ImageFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), "#1c5a8c").save(buffer, "PNG")
    return ImageFile(buffer, name="logotyp.png")


def test_backup_restores_into_an_empty_database(
    region, media_on_disk, empty_database, tmp_path
):
    organisation = publish(OrganisationPageFactory(parent=region, title="Botkyrka"))
    for title in ("SFI Tumba", "Språkcafé"):
        publish(InterventionPageFactory(parent=organisation, title=title))
    get_image_model().objects.create(title="Logotyp", file=_png())
    backup = tmp_path / "backup"

    call_command("backup_create", str(backup), stdout=io.StringIO())

    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["media_files"] >= 1 and manifest["database_bytes"] > 0
    # Another machine: an empty database and an empty media folder.
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": empty_database,
        "MEDIA_ROOT": str(tmp_path / "restored-media"),
        "SAMVERKAN_VAR_DIR": str(tmp_path / "var"),
        "LOG_LEVEL": "WARNING",
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run(
        [*manage, "backup_restore", str(backup)], cwd=ROOT, env=env, check=True
    )
    result = subprocess.run(
        [*manage, "shell", "-c", CHECK],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    restored = json.loads(result.stdout.strip().splitlines()[-1])

    assert restored["interventions"] == ["SFI Tumba", "Språkcafé"]
    assert restored["image_size"] == [64, 48]
    assert restored["rendition"] == [20, 20]
    assert Path(restored["rendition_file"]).is_file()
    # Restoring over a database with content is refused, nothing touched.
    again = subprocess.run(
        [*manage, "backup_restore", str(backup)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert again.returncode != 0
    assert "not empty" in again.stderr


def test_a_folder_without_a_backup_is_a_clear_error(tmp_path):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="no backup"):
        call_command("backup_restore", str(tmp_path), stdout=io.StringIO())
