"""Partner access to the API and feeds: API keys (hashed, shown once,
revocable), per-client rate limits with 429 and Retry-After (cached and
304 responses included), CORS for any origin without credentials, and usage
counters flushed to the database."""

import time
from types import SimpleNamespace

import pytest

from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.http import ratelimit
from delivery.access.keys import api_key_create, api_key_revoke
from delivery.access.usage import usage_flush
from delivery.models import ApiUsageDay, PartnerApiKey
from tests.factories import InterventionPageFactory, publish

LIST = reverse("api-v1:intervention-list")
ENDPOINTS = [
    LIST,
    reverse("api-v1:changes"),
    "/api/hsds/services/",
    "/feeds/news.rss",
    "/feeds/events.ics",
]


@pytest.fixture
def limits(settings, monkeypatch):
    """Low limits, and the limiter's clock stopped inside one window: its
    windows are aligned to the clock, and a test that crossed a minute's end
    would find its count started again."""
    stopped = (time.time() // 60) * 60 + 1
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: stopped))

    def set_limits(anonymous=3, keyed=5):
        settings.SAMVERKAN_API = {
            **settings.SAMVERKAN_API,
            "ANONYMOUS_REQUESTS_PER_MINUTE": anonymous,
            "KEY_REQUESTS_PER_MINUTE": keyed,
        }

    return set_limits


def test_key_is_shown_once_and_stored_as_a_hash(db):
    key, secret = api_key_create(name="Informationsverige")

    assert secret.startswith(f"svk_{key.prefix}_") and len(secret) > 40
    stored = PartnerApiKey.objects.get(pk=key.pk)
    assert secret not in {stored.key_hash, stored.prefix, stored.name}
    assert all(secret not in str(value) for value in stored.__dict__.values())


@pytest.mark.parametrize("header", ["HTTP_AUTHORIZATION", "HTTP_X_API_KEY"])
def test_a_valid_key_is_accepted_and_recorded_as_used(client, db, header):
    key, secret = api_key_create(name="Botkyrka webb")
    value = f"Api-Key {secret}" if header == "HTTP_AUTHORIZATION" else secret

    response = client.get(LIST, **{header: value})

    assert response.status_code == 200
    key.refresh_from_db()
    assert key.last_used_at is not None


@pytest.mark.parametrize(
    "value",
    ["svk_deadbeef_nonsense", "not-a-key", "svk_x_y"],
)
def test_a_bad_key_is_a_clear_401(client, db, value):
    response = client.get(LIST, HTTP_X_API_KEY=value)

    assert response.status_code == 401
    assert (
        "API key" in response.json()["detail"]
        or "API-nyckel" in (response.json()["detail"])
    )
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_revoked_key_is_refused_at_once(client, db):
    key, secret = api_key_create(name="Gammal partner")
    assert client.get(LIST, HTTP_X_API_KEY=secret).status_code == 200

    api_key_revoke(key=key)

    assert client.get(LIST, HTTP_X_API_KEY=secret).status_code == 401


@pytest.mark.parametrize("path", ENDPOINTS)
def test_anonymous_clients_are_limited_per_ip_with_retry_after(
    client, db, limits, path
):
    limits(anonymous=3)
    statuses = [client.get(path).status_code for _ in range(3)]
    refused = client.get(path)

    assert statuses == [200, 200, 200]
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["RateLimit-Remaining"] == "0"
    assert (
        "Too many requests" in refused.json()["detail"]
        or "För många" in (refused.json()["detail"])
    )
    # Another address has its own allowance.
    assert client.get(path, REMOTE_ADDR="192.0.2.7").status_code == 200


def test_conditional_gets_count_against_the_limit(client, db, limits):
    limits(anonymous=2)
    etag = client.get(LIST)["ETag"]
    assert client.get(LIST, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(LIST, HTTP_IF_NONE_MATCH=etag).status_code == 429


def test_a_forged_forwarded_for_does_not_escape_the_limit(client, db, limits):
    limits(anonymous=2)
    for n in range(2):
        client.get(LIST, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert client.get(LIST, HTTP_X_FORWARDED_FOR="203.0.113.99").status_code == 429


def test_behind_a_trusted_proxy_the_proxy_seen_address_counts(
    client, db, limits, settings
):
    limits(anonymous=1)
    settings.SAMVERKAN_TRUSTED_PROXY_COUNT = 1
    assert (
        client.get(LIST, HTTP_X_FORWARDED_FOR="forged, 198.51.100.1").status_code == 200
    )
    assert client.get(LIST, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200
    assert client.get(LIST, HTTP_X_FORWARDED_FOR="x, 198.51.100.1").status_code == 429


def test_keys_have_their_own_higher_limit(client, db, limits):
    limits(anonymous=1, keyed=3)
    _key, secret = api_key_create(name="Arbetsförmedlingen")
    own, own_secret = api_key_create(name="Länsstyrelsen", requests_per_minute=1)

    assert client.get(LIST).status_code == 200
    assert client.get(LIST).status_code == 429
    keyed = [client.get(LIST, HTTP_X_API_KEY=secret).status_code for _ in range(4)]
    assert keyed == [200, 200, 200, 429]
    assert client.get(LIST, HTTP_X_API_KEY=own_secret).status_code == 200
    assert client.get(LIST, HTTP_X_API_KEY=own_secret).status_code == 429


def test_keyed_and_conditional_requests_cost_no_sql_once_warm(client, db):
    _key, secret = api_key_create(name="Haninge webb")
    etag = client.get(LIST, HTTP_X_API_KEY=secret)["ETag"]

    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST, HTTP_X_API_KEY=secret, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert len(queries) == 0


@pytest.mark.parametrize("path", ENDPOINTS)
def test_cors_any_origin_without_credentials(client, db, path):
    response = client.get(path, HTTP_ORIGIN="https://www.botkyrka.se")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert not response.has_header("Access-Control-Allow-Credentials")

    preflight = client.options(
        path,
        HTTP_ORIGIN="https://www.botkyrka.se",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="x-api-key",
    )
    assert preflight.status_code == 204
    assert "X-Api-Key" in preflight["Access-Control-Allow-Headers"]
    assert "GET" in preflight["Access-Control-Allow-Methods"]


def test_admin_is_not_a_partner_endpoint(client, db):
    response = client.get("/admin/login/", HTTP_ORIGIN="https://evil.example")
    assert not response.has_header("Access-Control-Allow-Origin")


def test_usage_counts_survive_a_failed_database_write(client, db, monkeypatch):
    for _ in range(3):
        client.get(LIST)

    def database_gone(*args, **kwargs):
        raise OperationalError("the database is unreachable")

    with monkeypatch.context() as patch:
        patch.setattr(ApiUsageDay.objects, "get_or_create", database_gone)
        with pytest.raises(OperationalError):
            usage_flush()

    assert usage_flush() == 3  # given back, flushed by the next run
    assert ApiUsageDay.objects.get().requests == 3


def test_usage_is_counted_and_flushed_without_loss(client, db, limits, org_a):
    limits(anonymous=4, keyed=100)
    publish(InterventionPageFactory(parent=org_a, title="SFI"))
    _key, secret = api_key_create(name="Informationsverige")
    etag = client.get(LIST)["ETag"]
    client.get(LIST, HTTP_IF_NONE_MATCH=etag)
    client.get("/feeds/news.rss")
    client.get(LIST)
    client.get(LIST)  # throttled (5th anonymous request)
    for _ in range(3):
        client.get(LIST, HTTP_X_API_KEY=secret)

    assert usage_flush() == 7
    assert usage_flush() == 0  # flushed counts are not counted twice
    rows = {
        (row.client, row.endpoint): (row.requests, row.not_modified, row.throttled)
        for row in ApiUsageDay.objects.all()
    }
    assert rows == {
        ("anonymous", "api-v1:intervention-list"): (3, 1, 1),
        ("anonymous", "feeds:news_rss"): (1, 0, 0),
        ("key:Informationsverige", "api-v1:intervention-list"): (3, 0, 0),
    }
    client.get(LIST, HTTP_X_API_KEY=secret)
    assert usage_flush() == 1
    assert ApiUsageDay.objects.get(client="key:Informationsverige").requests == 4


def test_key_commands_create_once_and_revoke(client, db):
    import io

    from django.core.management import CommandError, call_command

    out, err = io.StringIO(), io.StringIO()
    call_command("api_key_create", "Södertörns portal", stdout=out, stderr=err)
    secret = out.getvalue().strip()
    assert client.get(LIST, HTTP_X_API_KEY=secret).status_code == 200
    assert secret not in err.getvalue()

    call_command("api_key_revoke", secret.split("_")[1], stdout=io.StringIO())
    assert client.get(LIST, HTTP_X_API_KEY=secret).status_code == 401
    with pytest.raises(CommandError):
        call_command("api_key_revoke", "nosuchkey", stdout=io.StringIO())


def test_a_keyed_304_costs_three_redis_round_trips(client, db, limits, monkeypatch):
    """Key lookup, first-use marker and rate limit in one round trip; the
    list's versions in one; the usage counters in one."""
    from django.core.cache import caches

    if "Redis" not in type(caches["default"]).__name__:
        pytest.skip("needs the Redis cache (REDIS_URL)")
    limits(keyed=100)
    key, secret = api_key_create(name="Informationsverige")
    headers = {"HTTP_AUTHORIZATION": f"Api-Key {secret}"}
    etag = client.get(LIST, **headers)["ETag"]
    sent = _redis_commands_sent(monkeypatch)
    response = client.get(LIST, HTTP_IF_NONE_MATCH=etag, **headers)
    assert response.status_code == 304
    assert len(sent) == 3
    assert response["RateLimit-Remaining"] == "98"


@pytest.fixture
def keyed_with_counts_buffered(db, limits, settings) -> dict:
    """A partner's key headers, with the usage counts buffered (sent by the
    process's own thread, cms.infra.counter_buffer), on Redis."""
    from django.core.cache import caches

    if "Redis" not in type(caches["default"]).__name__:
        pytest.skip("needs the Redis cache (REDIS_URL)")
    settings.SAMVERKAN_COUNTS_SEND_SECONDS = 60
    limits(keyed=100)
    _key, secret = api_key_create(name="Informationsverige")
    return {"HTTP_AUTHORIZATION": f"Api-Key {secret}"}


def test_with_counts_buffered_a_keyed_304_costs_two_round_trips(
    client, keyed_with_counts_buffered, monkeypatch
):
    """The usage counters are sent with other requests' counts by the
    process's own thread (cms.infra.counter_buffer), not by the request."""
    from cms.infra.counter_buffer import counts_send_pending

    headers = keyed_with_counts_buffered
    etag = client.get(LIST, **headers)["ETag"]
    sent = _redis_commands_sent(monkeypatch)
    assert client.get(LIST, HTTP_IF_NONE_MATCH=etag, **headers).status_code == 304
    assert len(sent) == 2
    monkeypatch.undo()
    assert counts_send_pending() == 2  # requests, not_modified
    assert usage_flush() == 2
    assert ApiUsageDay.objects.get().not_modified == 1


def test_with_counts_buffered_a_stored_answer_costs_two_round_trips(
    client, keyed_with_counts_buffered, monkeypatch
):
    """The key and rate limit in one round trip, the versions and the stored
    answer in the other (delivery.api.conditional)."""
    headers = keyed_with_counts_buffered
    assert client.get(LIST, **headers)["X-Cache"] == "miss"
    sent = _redis_commands_sent(monkeypatch)
    assert client.get(LIST, **headers)["X-Cache"] == "hit"
    assert len(sent) == 2


def test_a_partner_read_works_out_its_answer_once(client, db, monkeypatch):
    """The partner middleware asks for a 304 or stored answer first; when
    the view has to render, it takes the versions read then, not again."""
    from delivery.api import conditional

    publish(InterventionPageFactory())
    worked_out = []
    original = conditional._answer

    def recording(request, kwargs, **options):
        worked_out.append(request.path)
        return original(request, kwargs, **options)

    monkeypatch.setattr(conditional, "_answer", recording)

    rendered = client.get(LIST)
    stored = client.get(LIST)
    not_matching = client.get(LIST, HTTP_IF_NONE_MATCH='"another"')

    assert [rendered["X-Cache"], stored["X-Cache"], not_matching["X-Cache"]] == [
        "miss",
        "hit",
        "hit",
    ]
    assert worked_out == [LIST] * 3


@pytest.mark.parametrize("url", [LIST, "/api/hsds/services/", "/feeds/news.rss"])
def test_a_stored_answer_skips_the_rest_of_the_middleware_and_keeps_its_headers(
    client, db, monkeypatch, url
):
    """A 304 or stored answer is given by the partner middleware: no
    session, user or CSRF middleware runs for it, and it carries every
    header the rendered answer did."""
    from django.contrib.sessions.middleware import SessionMiddleware

    publish(InterventionPageFactory())
    rendered = client.get(url)
    assert rendered["X-Cache"] == "miss"
    sessions = []
    original = SessionMiddleware.process_request

    def recording(self, request):
        sessions.append(request.path)
        return original(self, request)

    monkeypatch.setattr(SessionMiddleware, "process_request", recording)

    stored = client.get(url)
    not_modified = client.get(url, HTTP_IF_NONE_MATCH=rendered["ETag"])

    assert stored["X-Cache"] == "hit" and not_modified.status_code == 304
    assert sessions == []
    assert stored.content == rendered.content
    varying = {"X-Cache", "RateLimit-Remaining", "RateLimit-Reset"}  # per request
    assert {name: value for name, value in stored.items() if name not in varying} == {
        name: value for name, value in rendered.items() if name not in varying
    }
    for name in ("Content-Security-Policy", "X-Frame-Options", "ETag", "Vary"):
        assert not_modified[name] == rendered[name], name
    client.get("/admin/login/")  # the rest of the chain runs for other paths
    assert sessions == ["/admin/login/"]


def _redis_commands_sent(monkeypatch) -> list:
    """The commands (or pipelines) sent to Redis from now on, one per round
    trip."""
    from redis.connection import Connection

    sent = []
    original = Connection.send_packed_command

    def counting(self, command, *args, **kwargs):
        sent.append(command)
        return original(self, command, *args, **kwargs)

    monkeypatch.setattr(Connection, "send_packed_command", counting)
    return sent
