"""Helpers shared by the API tests."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url) -> int:
    """SQL queries of one uncached GET of `url`."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def interventions_serialised(monkeypatch) -> list:
    """A list that receives every intervention page the API serializer
    turns into JSON from now on (the serializer still runs)."""
    from delivery.api.serializers import InterventionSerializer

    pages = []
    original = InterventionSerializer.to_representation

    def counting(self, instance):
        pages.append(instance)
        return original(self, instance)

    monkeypatch.setattr(InterventionSerializer, "to_representation", counting)
    return pages
