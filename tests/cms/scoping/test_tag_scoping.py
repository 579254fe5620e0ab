"""Tags say what another organisation works on: the admin's tag autocomplete
(cms/scoping/side_doors.py, cms/scoping/selectors.py) offers an editor the tags of
live news items, of their own organisation's drafts and of the images and
documents they may choose, never a tag only another organisation's draft
or image carries. (Drafts' tags in the permission matrix too:
tests/cms/scoping/permission_matrix.py.)"""

import json

import pytest

from django.urls import reverse

from wagtail.images import get_image_model

from tests.cms.scoping.test_media_scoping import _png
from tests.factories import NewsPageFactory, UserFactory, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged(org_a, org_b):
    org_a.refresh_from_db()
    org_b.refresh_from_db()
    live_b = publish(NewsPageFactory(parent=org_b, title="B:s nyhet"))
    live_b.tags.add("integration-publik")
    live_b.save()
    own_draft = NewsPageFactory(parent=org_a, title="A:s utkast", live=False)
    own_draft.tags.add("integration-egen")
    own_draft.save()
    draft_b = NewsPageFactory(parent=org_b, title="B:s utkast", live=False)
    draft_b.tags.add("integration-hemlig")
    draft_b.save()
    for org, tag in ((org_a, "integration-egenbild"), (org_b, "integration-bildb")):
        image = get_image_model().objects.create(
            title="bild", file=_png(f"{tag}.png"), collection=org.collection
        )
        image.tags.add(tag)


def _offered(client, user, url=None):
    client.force_login(user)
    url = url or reverse("wagtailadmin_tag_autocomplete")
    response = client.get(url, {"term": "integr"})
    assert response.status_code == 200
    return json.loads(response.content)


def test_editor_is_offered_public_and_own_tags_only(client, editor_a, tagged):
    assert _offered(client, editor_a) == [
        "integration-egen",
        "integration-egenbild",
        "integration-publik",
    ]
    model_url = reverse("wagtailadmin_tag_model_autocomplete", args=("taggit", "tag"))
    assert "integration-hemlig" not in _offered(client, editor_a, model_url)


def test_superuser_is_offered_every_tag(client, tagged):
    superuser = UserFactory(username="root", is_superuser=True)
    assert len(_offered(client, superuser)) == 5


@pytest.mark.xfail(
    strict=True,
    reason="Wagtail's image listing and chooser offer the ten most used tags "
    "of all images (wagtail.admin.models.popular_tags_for_model), whoever asks",
)
def test_image_listing_offers_no_tag_of_another_organisations_image(
    client, editor_a, tagged
):
    client.force_login(editor_a)
    for name in ("wagtailimages:index", "wagtailimages_chooser:choose"):
        assert "integration-bildb" not in client.get(reverse(name)).content.decode()
