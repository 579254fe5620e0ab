import pytest

from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    # The response cache and content version live in the cache, which
    # outlives each test's database transaction.
    cache.clear()
    yield
    cache.clear()
