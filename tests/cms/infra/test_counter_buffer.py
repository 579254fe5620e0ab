"""Counts added up in the process and sent together
(cms.infra.counter_buffer): one round trip for many requests' counts, sent
by the process's own thread within the interval and at exit, kept while
Redis is unreachable, bounded, and not inherited by a forked child."""

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cms.infra import counter_buffer
from cms.infra.counter_buffer import (
    counters_count,
    counts_send_pending,
    counts_sender_stop,
)
from cms.infra.counters import counters_take

DAY = "2026-12-06"
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def nothing_pending():
    counts_send_pending()
    for prefix in ("test-buffer", "test-reads", "test-exit"):
        counters_take(prefix=prefix, day=DAY)
    yield
    counts_sender_stop()


def test_without_an_interval_each_count_is_sent_at_once(settings):
    settings.SAMVERKAN_COUNTS_SEND_SECONDS = 0
    counters_count([("test-buffer", DAY, ["a"])])
    assert counters_take(prefix="test-buffer", day=DAY) == {"a": 1}


def test_counts_are_added_up_and_sent_in_one_round_trip(settings, monkeypatch):
    settings.SAMVERKAN_COUNTS_SEND_SECONDS = 0.3
    sent = []
    original = counter_buffer.counters_add_amounts

    def recording(amounts):
        sent_now = original(amounts)
        sent.append(dict(amounts))
        return sent_now

    monkeypatch.setattr(counter_buffer, "counters_add_amounts", recording)
    for _ in range(5):
        counters_count([("test-buffer", DAY, ["a", "b"]), ("test-reads", DAY, ["c"])])
    assert counters_take(prefix="test-buffer", day=DAY) == {}  # not sent yet

    deadline = time.monotonic() + 5
    while not sent and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sent == [
        {
            ("test-buffer", DAY, "a"): 5,
            ("test-buffer", DAY, "b"): 5,
            ("test-reads", DAY, "c"): 5,
        }
    ]
    assert counters_take(prefix="test-buffer", day=DAY) == {"a": 5, "b": 5}
    assert counters_take(prefix="test-reads", day=DAY) == {"c": 5}


def test_stopping_the_sender_sends_what_is_pending_and_ends_its_thread(settings):
    settings.SAMVERKAN_COUNTS_SEND_SECONDS = 60
    counters_count([("test-buffer", DAY, ["a"])])
    thread = counter_buffer._sender
    assert thread is not None and thread.is_alive()

    counts_sender_stop()  # at once, not after the 60 seconds

    thread.join(timeout=0)
    assert not thread.is_alive()
    assert counter_buffer._sender is None
    assert counters_take(prefix="test-buffer", day=DAY) == {"a": 1}
    counters_count([("test-buffer", DAY, ["a"])])  # the next count starts one
    assert counter_buffer._sender is not None and counter_buffer._sender.is_alive()


def test_a_replaced_time_sleep_does_not_run_in_the_sender(settings, monkeypatch):
    """Other code's tests replace time.sleep; the sender waits on its own."""
    settings.SAMVERKAN_COUNTS_SEND_SECONDS = 0.05
    called_from = []
    monkeypatch.setattr(time, "sleep", lambda seconds: called_from.append(seconds))
    counters_count([("test-buffer", DAY, ["a"])])
    counter_buffer._sender.join(timeout=0.3)
    monkeypatch.undo()
    assert called_from == []
    assert counters_take(prefix="test-buffer", day=DAY) == {"a": 1}


def test_counts_stay_pending_while_redis_is_unreachable(settings, monkeypatch):
    settings.SAMVERKAN_COUNTS_SEND_SECONDS = 60
    counters_count([("test-buffer", DAY, ["a"])])
    monkeypatch.setattr(counter_buffer, "counters_add_amounts", lambda amounts: False)
    assert counts_send_pending() == 0
    counters_count([("test-buffer", DAY, ["a"])])
    monkeypatch.undo()
    assert counts_send_pending() == 1
    assert counters_take(prefix="test-buffer", day=DAY) == {"a": 2}


def test_pending_counters_are_bounded(settings, monkeypatch, caplog):
    settings.SAMVERKAN_COUNTS_SEND_SECONDS = 60
    monkeypatch.setattr(counter_buffer, "MAX_PENDING", 2)
    with caplog.at_level(logging.WARNING, logger="cms.infra.counter_buffer"):
        counters_count([("test-buffer", DAY, ["a", "b", "c"])])
        counters_count([("test-buffer", DAY, ["a"])])  # a pending counter grows
    assert "1 counts dropped" in caplog.text
    assert counts_send_pending() == 2
    assert counters_take(prefix="test-buffer", day=DAY) == {"a": 2, "b": 1}


def test_a_forked_child_does_not_send_its_parents_counts(settings):
    settings.SAMVERKAN_COUNTS_SEND_SECONDS = 60
    counters_count([("test-buffer", DAY, ["a"])])
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (the child reports through the pipe)
        os.write(write, str(len(counter_buffer._pending)).encode())
        os._exit(0)
    os.waitpid(child, 0)
    assert os.read(read, 16) == b"0"
    assert counts_send_pending() == 1


def test_a_process_sends_what_is_pending_when_it_exits():
    """A real process, counting with a long interval, then exiting."""
    script = (
        "import django; django.setup();"
        "from cms.infra.counter_buffer import counters_count;"
        f"counters_count([('test-exit', '{DAY}', ['a'])]);"
        f"counters_count([('test-exit', '{DAY}', ['a'])])"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "SAMVERKAN_COUNTS_SEND_SECONDS": "3600",
    }
    subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, check=True
    )
    assert counters_take(prefix="test-exit", day=DAY) == {"a": 2}
