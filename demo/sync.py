"""The demo's partner: a receiver on the loopback interface that answers
every delivery with 204 and prints what came, and a webhook target pointing
at it, so that the delivery log fills in `make demo`. Loopback targets are
allowed only where SAMVERKAN_SYNC["INSECURE_HOSTS"] names the host: the dev
settings do, production never."""

import base64
import json
import secrets
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.db import transaction

from sync import services
from sync.models import Target
from sync.urlsafety import url_check

DEMO_TARGET_NAME = "Demomottagare (lokal)"


@transaction.atomic
def demo_target_ensure(*, region, url: str) -> tuple[Target, int]:
    """The demo's webhook target of the region at `url` (checked like any
    target URL), created once and given the current state to send. Returns
    the target and the deliveries queued (0 when it existed)."""
    url_check(url)
    target = Target.objects.filter(region=region, name=DEMO_TARGET_NAME).first()
    if target is not None:
        return target, 0
    target = Target(
        region=region,
        name=DEMO_TARGET_NAME,
        adapter="webhook",
        url=url,
        send_interventions=True,
        send_news=True,
    )
    target.secret = "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()
    target.save()
    return target, services.target_resync(target=target)


class DemoReceiverHandler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 (http.server's name)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        try:
            kind = json.loads(body).get("type", "?")
        except ValueError:
            kind = "?"
        sys.stdout.write(f"received {self.headers.get('webhook-id', '-')} {kind}\n")
        sys.stdout.flush()
        self.send_response(204)
        self.end_headers()

    def log_message(self, format, *args):  # noqa: A002 (http.server's name)
        return


def demo_receiver_serve(*, port: int) -> None:
    ThreadingHTTPServer(("127.0.0.1", port), DemoReceiverHandler).serve_forever()
