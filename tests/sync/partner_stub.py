"""A real partner on loopback: an HTTP server that verifies Standard Webhooks
signatures with the reference library, de-duplicates on webhook-id, keeps
the state it was sent (newest version wins, tombstones remove) and can be
told to fail: scripted responses, or random failures at a given rate."""

import json
import random
import socket
import threading
import time
from collections import Counter, deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

FAILURES = ("500", "429", "slow", "drop")


class PartnerStub:
    def __init__(self, *, secret: str | None = None, slow_seconds: float = 3.0):
        self.secret = secret
        self.slow_seconds = slow_seconds
        self.lock = threading.Lock()
        self.script = deque()  # responses to give next, e.g. "500", "429:3"
        self.failure_rate = 0.0
        self.random = random.Random(8)
        self.requests = []  # (headers dict, body bytes, response code)
        self.connections = set()  # client (address, port) pairs seen
        self.applied = Counter()  # webhook-id -> times applied
        self.duplicates = 0
        self.state = {}  # object id -> (version, object)
        self.removed = {}  # object id -> version of its tombstone
        self.rejected = 0
        self.server = None

    # -- control -----------------------------------------------------------
    def start(self):
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                stub.handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        # Checked for shutdown every 50 ms, not Python's 0.5 s: stop() waits
        # for that check, at the end of every test with a partner.
        threading.Thread(
            target=self.server.serve_forever,
            kwargs={"poll_interval": 0.05},
            daemon=True,
        ).start()
        return self

    def stop(self):
        if self.server:
            self.server.shutdown()
            self.server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def wait_for(self, predicate, timeout=30.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if predicate(self):
                    return True
            time.sleep(0.05)
        return False

    # -- serving -----------------------------------------------------------
    def _next_response(self) -> str:
        with self.lock:
            if self.script:
                return self.script.popleft()
            if self.failure_rate and self.random.random() < self.failure_rate:
                return self.random.choice(FAILURES)
        return "200"

    def handle(self, request):
        with self.lock:
            self.connections.add(request.client_address)
        length = int(request.headers.get("content-length", 0))
        body = request.rfile.read(length)
        headers = {key.lower(): value for key, value in request.headers.items()}
        action = self._next_response()
        code, _, argument = action.partition(":")
        if code == "drop":
            request.close_connection = True
            request.connection.shutdown(socket.SHUT_RDWR)
            self._log(headers, body, None)
            return
        if code == "slow":
            time.sleep(self.slow_seconds)
            code = "200"  # the sender has given up by now; we still apply it
        if code == "200":
            code = self._apply(headers, body)
        extra = {}
        if code == "429":
            extra["Retry-After"] = argument or "1"
        if code in ("301", "302", "307"):
            extra["Location"] = argument
        # Logged before answering, so a sender that has its answer finds
        # the request in the log.
        self._log(headers, body, int(code))
        self._respond(request, int(code), extra)

    def _log(self, headers, body, code):
        with self.lock:
            self.requests.append((headers, body, code))

    @staticmethod
    def _respond(request, code, extra):
        request.send_response(code)
        for key, value in extra.items():
            request.send_header(key, value)
        request.send_header("Content-Length", "0")
        request.end_headers()

    def _apply(self, headers, body) -> str:
        if self.secret is not None:
            try:
                Webhook(self.secret).verify(body, headers)
            except WebhookVerificationError:
                with self.lock:
                    self.rejected += 1
                return "401"
        document = json.loads(body)
        message_id = headers.get("webhook-id")
        with self.lock:
            if self.applied[message_id]:
                self.duplicates += 1
                return "200"
            self.applied[message_id] += 1
            data = document.get("data")
            if data is None:
                return "200"  # a batched body: recorded only
            object_id, version = data["id"], data["version"]
            known = max(
                self.state.get(object_id, (0, None))[0],
                self.removed.get(object_id, 0),
            )
            if version < known:
                return "200"  # stale
            if data["object"] is None:
                self.state.pop(object_id, None)
                self.removed[object_id] = version
            else:
                self.state[object_id] = (version, data["object"])
        return "200"
