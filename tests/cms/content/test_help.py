"""The admin's "Hjälp" menu leads to the personas' Swedish guides in docs/
(cms/content/help.py), not to Wagtail's English guide; each guide answers in the
admin, as sanitised HTML."""

import json
import re

import pytest

from django.urls import reverse

pytestmark = pytest.mark.django_db


def _help_menu(body: str) -> dict:
    """The help submenu of the admin's sidebar (its JSON props)."""
    props = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', body, re.S)
    menu = json.loads(props.group(1))["modules"][-1]["_args"][0]
    [help_menu] = [item for item in menu if item["_args"][0]["name"] == "help"]
    return {
        item["_args"][0]["label"]: item["_args"][0]["url"]
        for item in help_menu["_args"][1]
    }


def test_help_menu_lists_the_swedish_guides(client, editor_a):
    client.force_login(editor_a)
    items = _help_menu(client.get("/admin/").content.decode())
    guides = {
        "Handbok för redaktörer": "editors",
        "Handbok för kommunikatörer": "communicators",
        "Handbok för administratörer": "administrators",
    }
    for label, name in guides.items():
        assert items[label] == reverse("samverkan_guide", args=(name,))
    assert not [url for url in items.values() if "wagtail.org" in url]

    body = client.get(reverse("samverkan_guide", args=("editors",))).content.decode()
    assert "<h1" in body and "Handbok för redaktörer" in body
    assert "<h2>Dina granskningar</h2>" in body
    assert "<strong>Stämmer fortfarande</strong>" in body


def test_guide_keeps_raw_html_out_and_unknown_guides_answer_404(
    client, editor_a, settings, tmp_path
):
    (tmp_path / "editors").mkdir()
    (tmp_path / "editors" / "handbok.md").write_text(
        "# Rubrik\n\nText <script>alert(1)</script> [länk](javascript:alert(1))\n",
        encoding="utf-8",
    )
    settings.SAMVERKAN_DOCS_DIR = tmp_path
    client.force_login(editor_a)

    body = client.get(reverse("samverkan_guide", args=("editors",))).content.decode()
    guide = body.split('class="help-block samverkan-guide"')[1]
    assert "<script>alert" not in guide and "&lt;script&gt;" in guide
    assert 'href="javascript' not in guide
    for name in ("communicators", "okand"):
        response = client.get(reverse("samverkan_guide", args=(name,)))
        assert response.status_code == 404
    assert "Handbok för kommunikatörer" not in _help_menu(
        client.get("/admin/").content.decode()
    )
