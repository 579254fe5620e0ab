"""Samverkan installed into a foreign Wagtail project (tests/host/hostsite:
its own settings, URLs and Celery app, nothing of config/) the way
docs/operations/install.md says: the migrations run on a fresh database, an
intervention published with its organisation and responsible person is read
through the delivery API, and `check --deploy` is clean with production's
settings; the same host carelessly installed is stopped by the checks. Each step runs in a fresh interpreter with the host's settings."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Migrate, publish with the real models and services, read the API with
# Django's test client (the whole request stack: middleware, URLs, views).
PUBLISH_AND_READ = """
import json

from django.core.management import call_command
from django.db import transaction
from django.test import Client
from wagtail.models import Page

from cms import services
from cms.models import (
    InterventionCategory, InterventionPage, OrganisationKind, OrganisationPage,
    Person, RegionPage,
)

call_command("migrate", interactive=False, verbosity=0)
with transaction.atomic():
    region = Page.get_first_root_node().add_child(
        instance=RegionPage(title="Värdregionen", slug="vardregionen", short_name="VR")
    )
    services.region_provision(region=region)
    organisation = region.add_child(
        instance=OrganisationPage(
            title="Värdkommunen", slug="vardkommunen",
            kind=OrganisationKind.MUNICIPALITY,
        )
    )
    services.organisation_provision(organisation=organisation)
    owner = Person.objects.create(
        organisation=organisation, name="Ansvarig Andersson",
        title="Samordnare", email="ansvarig@example.se",
    )
    intervention = organisation.add_child(
        instance=InterventionPage(
            title="Samhällsorientering i värdkommunen", slug="samhallsorientering",
            summary="Samhällsorientering för nyanlända.",
            category=InterventionCategory.objects.first(),
            responsible_owner=owner, contact_email="so@example.se", live=False,
        )
    )
    intervention.save_revision().publish()
response = Client().get("/api/v1/interventions/", HTTP_HOST="localhost")
published = InterventionPage.objects.live().get()
print(json.dumps({
    "status": response.status_code,
    "body": response.json(),
    "owner": published.responsible_owner.name,
    "owner_organisation": published.responsible_owner.organisation.title,
}))
"""


def host_command(
    tmp_path, *args, production=False, misinstalled=False
) -> subprocess.Popen:
    """`python -m django <args>` in the host, started."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "SAMVERKAN_", "CELERY_"))
        and name not in ("DATABASE_URL", "REDIS_URL", "EMAIL_HOST")
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="tests.host.hostsite.settings",
        # Samverkan and the host as if installed: importable, not the
        # working directory (nothing of the repository's files is at hand).
        PYTHONPATH=str(ROOT),
        HOST_DIR=str(tmp_path),
        HOST_SECRET_KEY="host-" + "k3Y-0f-tH3-h0sT-" * 4,
        HOST_PRODUCTION="1" if production else "0",
        HOST_MISINSTALLED="1" if misinstalled else "0",
    )
    return subprocess.Popen(
        [sys.executable, "-m", "django", *args],
        cwd=tmp_path,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_wagtail_host_installs_samverkan_as_the_docs_say(tmp_path):
    # The deploy check needs no database: it runs meanwhile.
    checking = host_command(
        tmp_path, "check", "--deploy", "--fail-level", "WARNING", production=True
    )
    misinstalled = host_command(tmp_path, "check", misinstalled=True)
    publishing = host_command(tmp_path, "shell", "-c", PUBLISH_AND_READ)
    try:
        published_out, published_err = publishing.communicate(timeout=240)
        checked_out, checked_err = checking.communicate(timeout=240)
        _, refused = misinstalled.communicate(timeout=240)
    finally:
        for process in (publishing, checking, misinstalled):
            if process.poll() is None:
                process.kill()

    assert publishing.returncode == 0, published_err[-3000:]
    answer = json.loads(published_out.strip().splitlines()[-1])
    assert answer["status"] == 200
    [intervention] = answer["body"]["results"]
    assert intervention["title"] == "Samhällsorientering i värdkommunen"
    assert intervention["organisation"]["name"] == "Värdkommunen"
    assert intervention["contact"]["email"] == "so@example.se"
    # The review routine knows the page (its responsible person is not
    # public: the API shows the contact only).
    assert intervention["review_status"] == "current"
    assert intervention["next_review_due"]
    assert answer["owner"] == "Ansvarig Andersson"
    assert answer["owner_organisation"] == "Värdkommunen"

    assert checking.returncode == 0, checked_out + checked_err[-3000:]
    assert "System check identified no issues" in checked_out

    # The same host, carelessly installed: the checks stop it, each saying
    # what to add and where.
    assert misinstalled.returncode == 1
    assert "(samverkan.E001) 'cms.two_factor.middleware.TwoFactorMiddleware'" in (
        refused
    )
    assert "(samverkan.E003) INSTALLED_APPS has 'wagtail.users'" in refused
    assert "HINT: Replace 'wagtail.users' with 'cms.scoping.users_app" in refused
    assert "(samverkan.E004) Wagtail's own views answer /admin/choose-page/" in (
        refused
    )
