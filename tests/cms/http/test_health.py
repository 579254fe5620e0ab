from django.urls import reverse

from cms.http import health


def test_health_reports_unknown_worker_until_a_heartbeat(client, db):
    from django.core.cache import cache

    cache.delete(health.HEARTBEAT_KEY)
    report = client.get(reverse("health")).json()
    assert report["status"] == "ok"
    assert report["worker"] == "unknown"

    health.heartbeat_record(token="t")
    report = client.get(reverse("health")).json()
    assert report["worker"] == "ok"
    assert report["worker_heartbeat_age_seconds"] <= 1
