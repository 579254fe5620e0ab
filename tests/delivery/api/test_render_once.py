"""One render per answer (delivery.api.render_once): requests that miss
the response cache for the same answer at once wait for the one that
renders it, and none waits for a render that failed."""

import threading
import time

import pytest

from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from delivery.api import render_once
from delivery.api.conditional import conditional_cached

KEY = "samverkan:api:response:test-answer"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def later(seconds: float, action) -> threading.Thread:
    def run():
        time.sleep(seconds)
        action()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_one_claim_at_a_time():
    assert render_once.render_claim(KEY)
    assert not render_once.render_claim(KEY)
    render_once.render_release(KEY)
    assert render_once.render_claim(KEY)


def test_a_waiter_gets_the_answer_once_it_is_stored():
    render_once.render_claim(KEY)
    thread = later(0.05, lambda: cache.set(KEY, {"body": b"ready"}))

    assert render_once.rendered_meanwhile(KEY) == {"body": b"ready"}
    thread.join()


def test_a_waiter_for_a_version_does_not_take_another_versions_answer():
    """Answers are stored at their address: while the new version renders,
    the old one's answer is still there, and is not what the waiter wants."""
    cache.set(KEY, {"etag": '"old"', "body": b"old"})
    render_once.render_claim(KEY)
    thread = later(0.1, lambda: cache.set(KEY, {"etag": '"new"', "body": b"new"}))

    assert render_once.rendered_meanwhile(KEY, etag='"new"')["body"] == b"new"
    thread.join()


def test_a_waiter_stops_waiting_when_the_render_gave_up():
    render_once.render_claim(KEY)
    thread = later(0.05, lambda: render_once.render_release(KEY))
    started = time.monotonic()

    assert render_once.rendered_meanwhile(KEY) is None
    assert time.monotonic() - started < 1
    thread.join()


def test_a_waiter_waits_no_longer_than_its_limit(monkeypatch):
    monkeypatch.setattr(render_once, "WAIT_SECONDS", 0.1)
    render_once.render_claim(KEY)  # a render that never ends
    started = time.monotonic()

    assert render_once.rendered_meanwhile(KEY) is None
    assert 0.1 <= time.monotonic() - started < 1


def test_requests_missing_at_once_render_the_answer_once():
    renders = []

    def slow_view(request):
        renders.append(1)
        time.sleep(0.2)
        return HttpResponse(b"the list", content_type="application/json")

    view = conditional_cached(slow_view)
    answers = []

    def ask():
        answers.append(view(RequestFactory().get("/api/v1/interventions/")))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(renders) == 1
    assert [answer.content for answer in answers] == [b"the list"] * 4
    assert sorted(answer["X-Cache"] for answer in answers) == ["hit"] * 3 + ["miss"]
    assert len({answer["ETag"] for answer in answers}) == 1


def test_a_failed_render_leaves_no_claim_behind(monkeypatch):
    monkeypatch.setattr(render_once, "WAIT_SECONDS", 5)
    failing = [True]

    def view_failing_once(request):
        if failing.pop():
            raise RuntimeError("the database went away")
        return HttpResponse(b"the list", content_type="application/json")

    view = conditional_cached(view_failing_once)
    with pytest.raises(RuntimeError):
        view(RequestFactory().get("/api/v1/interventions/"))
    failing.append(False)
    started = time.monotonic()

    answer = view(RequestFactory().get("/api/v1/interventions/"))

    assert time.monotonic() - started < 1  # did not wait for a claim left over
    assert answer["X-Cache"] == "miss" and answer.content == b"the list"
