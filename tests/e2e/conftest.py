"""Browser fixtures: headless Debian Chromium driven by Playwright's sync
API against pytest-django's live server.

Needs /usr/bin/chromium (never `playwright install`). Without it the tests
skip, unless SAMVERKAN_REQUIRE_SERVICES is set (as `make test` does), in
which case they fail: a silent skip in CI would hide a broken install.
"""

import contextlib
import os
import time
from pathlib import Path

import pytest

try:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # reported by the browser fixture
    sync_playwright = expect = None
    PlaywrightError = Exception

from django.db import connections

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium hangs on an offline machine.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000
# For the tests that run beside the parallel part (marked own_services,
# scripts/run-tests.sh): the cores are loaded there.
BESIDE_TIMEOUT_MS = 30_000
# Playwright's own default for expect() assertions.
EXPECT_TIMEOUT_MS = 5_000
# How long a test's last requests may take to finish before its database is
# emptied (see _settle).
SETTLE_SECONDS = 10


def _unavailable(reason: str):
    if os.environ.get("SAMVERKAN_REQUIRE_SERVICES"):
        pytest.fail(f"{reason} (required because SAMVERKAN_REQUIRE_SERVICES is set)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module (so the lifted async guard
    below never reaches other modules).

    Playwright's sync API keeps its event loop marked as running in the main
    thread from start() to stop(), even between calls. Django reacts twice:

    - its ORM raises SynchronousOnlyOperation, so the guard is lifted
      (DJANGO_ALLOW_ASYNC_UNSAFE) for exactly as long as Playwright runs. The
      ORM is still only used synchronously, from this thread;
    - asgiref's Local hands out a second, context-local set of database
      connections. Those would lack what pytest-django put on the real ones
      (the serialized data for serialized_rollback, open transactions), and
      under PostgreSQL they would stay connected to the test database. So the
      connections this thread already has are pinned into that set too.
    """
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (install Debian's chromium package)")
    if sync_playwright is None:
        _unavailable("the playwright Python package is not installed")

    thread_connections = {alias: connections[alias] for alias in connections}
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        for alias, connection in thread_connections.items():
            connections[alias] = connection
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=30_000
        )
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(request, browser, live_server, transactional_db):
    """A fresh browser context (no cookies) and page for each test. A test
    that runs beside the parallel part (marked own_services) waits
    BESIDE_TIMEOUT_MS in its actions, navigations and assertions."""
    beside = request.node.get_closest_marker("own_services") is not None
    timeout = BESIDE_TIMEOUT_MS if beside else None
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
        # A Swedish browser: LocaleMiddleware follows Accept-Language, so
        # an en-US browser would get the English admin.
        locale="sv-SE",
    )
    context.set_default_timeout(timeout or TIMEOUT_MS)
    context.set_default_navigation_timeout(timeout or TIMEOUT_MS)
    if timeout:
        expect.set_options(timeout=timeout)
    in_flight = set()
    context.on("request", lambda request: in_flight.add(request))
    context.on("requestfinished", lambda request: in_flight.discard(request))
    context.on("requestfailed", lambda request: in_flight.discard(request))
    tab = context.new_page()
    try:
        yield tab
    finally:
        if timeout:
            expect.set_options(timeout=EXPECT_TIMEOUT_MS)
        _settle(tab, in_flight)
        context.close()


def _settle(tab, in_flight: set) -> None:
    """Leave the page only when nothing it sends can still reach the live
    server while the test database is emptied. Leaving an admin edit page
    sends Wagtail's editing-session release as a beacon; answered while the
    database was being flushed, it deadlocked the flush (seen under load),
    and the next test started on the old data. The test is over here, so the
    beacon is switched off (Playwright does not see beacons, so it could not
    be waited for), and the requests still going, such as the editing
    session's pings, are waited for."""
    if tab.is_closed():
        return
    with contextlib.suppress(PlaywrightError):  # a page that is navigating
        tab.evaluate("navigator.sendBeacon = () => true")
    deadline = time.monotonic() + SETTLE_SECONDS
    while in_flight and time.monotonic() < deadline:
        tab.wait_for_timeout(50)  # lets Playwright deliver the request events
    tab.goto("about:blank")
