"""Intervention categories in the content languages: names per language on
the category's admin form (cms/content/category_form.py), read by the
public site, the delivery API and HSDS in the page's language, with the
Swedish name where a language has none."""

import pytest

from django.urls import reverse

from cms.models import InterventionCategory
from tests.factories import (
    InterventionPageFactory,
    UserFactory,
    publish,
    translation_of,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("arabic_configured")]


@pytest.fixture
def cafe_category():
    return InterventionCategory.objects.create(
        name="Språkcafé",
        slug="sprakcafe-kategori",
        description="Mötesplatser för samtal på svenska.",
        translations={"ar": {"name": "مقاهي اللغة", "description": "أماكن للحديث"}},
    )


def test_name_in_a_language_falls_back_to_swedish(cafe_category):
    assert cafe_category.name_in("ar") == "مقاهي اللغة"
    assert cafe_category.name_in("ar-SE") == "مقاهي اللغة"
    assert cafe_category.name_in("en") == "Språkcafé"
    assert cafe_category.description_in("ar") == "أماكن للحديث"
    assert cafe_category.description_in("en") == "Mötesplatser för samtal på svenska."


def test_standard_categories_come_with_english_arabic_and_somali_names():
    sfi = InterventionCategory.objects.get(slug="sfi")
    assert sfi.name == "SFI"
    assert sfi.name_in("en") == "Swedish for immigrants (SFI)"
    assert sfi.name_in("ar") == "اللغة السويدية للمهاجرين (SFI)"
    assert sfi.name_in("so") == "Af-Iswiidhishka muhaajiriinta (SFI)"


def test_administrator_edits_the_names_per_language(client, cafe_category):
    client.force_login(UserFactory(is_superuser=True))
    url = reverse(
        "wagtailsnippets_samverkan_cms_interventioncategory:edit",
        args=[cafe_category.pk],
    )
    form = client.get(url)
    assert form.status_code == 200
    html = form.content.decode()
    assert 'name="translations-ar-name"' in html
    assert "مقاهي اللغة" in html

    data = {
        "name": "Språkcafé",
        "slug": "sprakcafe-kategori",
        "description": "Mötesplatser för samtal på svenska.",
        "sort_order": "3",
        "translations-en-name": "  Language cafés ",
        "translations-en-description": "",
        "translations-ar-name": "",
        "translations-ar-description": "",
    }
    assert client.post(url, data).status_code == 302
    cafe_category.refresh_from_db()
    # Emptied languages are left out; the others stripped.
    assert cafe_category.translations == {"en": {"name": "Language cafés"}}

    data["translations-ar-name"] = "x" * 101
    data["translations-en-name"] = ""
    data["translations-en-description"] = "Only a description"
    refused = client.post(url, data)
    assert refused.status_code == 200
    errors = refused.context["form"].errors["translations"]
    assert len(errors) == 2  # too long a name; a description without a name
    cafe_category.refresh_from_db()
    assert cafe_category.translations == {"en": {"name": "Language cafés"}}


@pytest.fixture
def cafe(org_a, cafe_category):
    swedish = publish(
        InterventionPageFactory(parent=org_a, title="Språkcafé", category=cafe_category)
    )
    arabic = translation_of(swedish, "ar", title="مقهى اللغة")
    return swedish, arabic


def test_api_and_hsds_name_the_category_in_the_pages_language(client, cafe):
    swedish, _arabic = cafe
    detail = reverse("api-v1:intervention-detail", args=(str(swedish.uuid),))
    assert client.get(detail, {"locale": "ar"}).json()["category"] == {
        "slug": "sprakcafe-kategori",
        "name": "مقاهي اللغة",
    }
    # English: no translation of the page, so the Swedish page and name.
    assert client.get(detail, {"locale": "en"}).json()["category"]["name"] == (
        "Språkcafé"
    )

    service = client.get(
        reverse("api-hsds:service-detail", args=(str(swedish.uuid),)),
        {"locale": "ar"},
    ).json()
    (attribute,) = [a for a in service["attributes"] if a["link_type"] == "category"]
    assert attribute["taxonomy_term"]["name"] == "مقاهي اللغة"
    assert attribute["taxonomy_term"]["language"] == "ar"

    terms = client.get(reverse("api-hsds:taxonomy-term-list"), {"locale": "en"})
    by_code = {term["code"]: term for term in terms.json()["contents"]}
    assert by_code["sprakcafe-kategori"]["name"] == "Språkcafé"
    assert by_code["sprakcafe-kategori"]["language"] == "sv"
    assert by_code["sfi"]["name"] == "Swedish for immigrants (SFI)"
    assert by_code["sfi"]["language"] == "en"


@pytest.mark.usefixtures("public_site")
def test_public_pages_name_the_category_in_their_language(client, cafe, public_site):
    swedish, arabic = cafe  # the region is translated with it

    page = client.get(arabic.url).content.decode()
    assert "مقاهي اللغة" in page
    listing = client.get("/ar/insatser/").content.decode()
    assert "مقاهي اللغة" in listing  # the row and the filter's choice
    assert "Språkcafé</a>" not in listing

    assert "Språkcafé" in client.get(swedish.url).content.decode()
