"""`.public()` of our page types reads the restricted sections from the
cache, stamped with the shared content version (cms.scoping.visibility):
no query once they are stored, and every change that can move a section
(a restriction saved or deleted, a page moved) is seen at the next read."""

import pytest

from django.core.cache import cache
from django.urls import reverse

from wagtail.models import PageViewRestriction

from cms.models import InterventionPage, OrganisationPage
from cms.scoping import visibility
from cms.scoping.visibility import RESTRICTED_KEY, restricted_paths
from tests.factories import InterventionPageFactory, OrganisationPageFactory, publish

pytestmark = pytest.mark.django_db


def public_titles():
    return set(InterventionPage.objects.live().public().values_list("title", flat=True))


@pytest.fixture
def pages(org_a, org_b):
    return {
        "a": publish(InterventionPageFactory(parent=org_a, title="SFI Tumba")),
        "b": publish(InterventionPageFactory(parent=org_b, title="Språkcafé Haninge")),
    }


@pytest.mark.django_db(transaction=True)
def test_a_restricted_section_is_not_public_and_is_read_without_a_query(
    pages, org_a, django_assert_num_queries
):
    PageViewRestriction.objects.create(page=org_a, restriction_type="login")

    assert public_titles() == {"Språkcafé Haninge"}
    assert not OrganisationPage.objects.live().public().filter(pk=org_a.pk).exists()
    with django_assert_num_queries(0):
        assert restricted_paths() == [org_a.path]


def test_what_a_transaction_read_is_not_stored(pages, org_a, django_assert_num_queries):
    """Inside a transaction (as every test without real commits is) a
    restriction read may still roll back: the database is read each time,
    and nothing is stored."""
    PageViewRestriction.objects.create(page=org_a, restriction_type="login")
    assert restricted_paths() == [org_a.path]
    with django_assert_num_queries(1):
        assert restricted_paths() == [org_a.path]
    assert cache.get(RESTRICTED_KEY) is None


def test_a_new_restriction_and_its_removal_are_seen_at_the_next_read(pages, org_b):
    assert public_titles() == {"SFI Tumba", "Språkcafé Haninge"}  # stored now

    restriction = PageViewRestriction.objects.create(
        page=pages["b"], restriction_type="password", password="hemligt"
    )
    assert public_titles() == {"SFI Tumba"}

    restriction.delete()
    assert public_titles() == {"SFI Tumba", "Språkcafé Haninge"}


def test_moving_a_restricted_section_moves_what_is_hidden(pages, org_a, region):
    PageViewRestriction.objects.create(page=org_a, restriction_type="login")
    assert public_titles() == {"Språkcafé Haninge"}

    other = publish(OrganisationPageFactory(parent=region, title="Salem"))
    pages["a"].move(other, pos="last-child")
    assert public_titles() == {"SFI Tumba", "Språkcafé Haninge"}
    PageViewRestriction.objects.filter(page=org_a).delete()
    PageViewRestriction.objects.create(page=other, restriction_type="login")
    assert public_titles() == {"Språkcafé Haninge"}


def test_without_restrictions_every_live_page_is_public(pages):
    assert restricted_paths() == []
    assert public_titles() == {"SFI Tumba", "Språkcafé Haninge"}


@pytest.fixture
def cache_reads(monkeypatch):
    """How often the restricted sections were read from the cache."""
    reads = []
    original = visibility._restricted_paths_cached

    def counting():
        reads.append(1)
        return original()

    monkeypatch.setattr(visibility, "_restricted_paths_cached", counting)
    return reads


@pytest.mark.django_db(transaction=True)
def test_a_get_request_reads_the_restricted_sections_once(client, pages, cache_reads):
    for page in (pages["a"], pages["b"]):  # the next request reads again
        detail = reverse("api-v1:intervention-detail", args=[page.uuid])
        assert client.get(detail).status_code == 200
    assert len(cache_reads) == 2


@pytest.mark.django_db(transaction=True)
def test_a_restriction_made_between_two_requests_is_seen_by_the_second(
    client, pages, org_a
):
    detail = reverse("api-v1:intervention-detail", args=[pages["a"].uuid])
    assert client.get(detail).status_code == 200

    PageViewRestriction.objects.create(page=org_a, restriction_type="login")

    assert client.get(detail).status_code == 404


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("method", ["POST", None])
def test_a_request_that_may_write_and_work_outside_requests_read_each_time(
    pages, cache_reads, method
):
    if method:
        visibility.request_memo_open(environ={"REQUEST_METHOD": method})
    try:
        restricted_paths()
        restricted_paths()
    finally:
        visibility.request_memo_close()

    assert len(cache_reads) == 2
