import pytest

from django.core.cache import cache


@pytest.fixture
def page_cache(settings):
    """The public page cache switched on (the suite runs without it), empty."""
    settings.SAMVERKAN_WEB = {**settings.SAMVERKAN_WEB, "PAGE_CACHE": True}
    cache.clear()
    yield
    cache.clear()
