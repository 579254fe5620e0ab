import pytest

from django.core.cache import cache

from wagtail.models import Site


@pytest.fixture
def public_site(region):
    """The default Site (testserver) with the region at its root."""
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "testserver", "port": 80, "root_page": region},
    )
    return region


@pytest.fixture
def page_cache(settings):
    """The public page cache switched on (the suite runs without it), empty."""
    settings.SAMVERKAN_WEB = {**settings.SAMVERKAN_WEB, "PAGE_CACHE": True}
    cache.clear()
    yield
    cache.clear()
