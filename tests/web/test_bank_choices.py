"""The languages the bank's filter offers (web.bank_choices): those of the
region's public interventions, kept in the cache until an intervention is
published or unpublished or something shared changes."""

import pytest

from django.core.cache import cache

from cms.models import Language
from tests.factories import InterventionPageFactory, publish
from web.bank_choices import bank_language_codes


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def given_in(page, *codes):
    page.languages.set(Language.objects.filter(code__in=codes))
    return publish(page)


@pytest.fixture
def sfi(org_a):
    return given_in(InterventionPageFactory(parent=org_a, title="SFI"), "sv", "ar")


def test_the_languages_of_the_banks_interventions(region, org_a, sfi):
    InterventionPageFactory(parent=org_a, title="Utkast på tigrinja").languages.set(
        Language.objects.filter(code="ti")
    )  # a draft: not in the bank

    assert bank_language_codes(region=region) == ["ar", "sv"]


def test_read_again_without_sql(region, sfi, django_assert_num_queries):
    bank_language_codes(region=region)

    with django_assert_num_queries(0):
        assert bank_language_codes(region=region) == ["ar", "sv"]


def test_a_publish_in_a_new_language_is_offered_at_the_next_read(region, org_a, sfi):
    bank_language_codes(region=region)

    cafe = given_in(InterventionPageFactory(parent=org_a, title="Språkcafé"), "so")

    assert bank_language_codes(region=region) == ["ar", "so", "sv"]
    cafe.unpublish()
    assert bank_language_codes(region=region) == ["ar", "sv"]
