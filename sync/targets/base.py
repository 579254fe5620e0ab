"""The abstract adapter and what it returns.

An adapter turns items (a delivery with its change and, unless it is a
tombstone, the object's current public page) into HTTP requests. It says
whether it sends one item per request or batches; the delivery service does
everything else (claiming, coalescing, retries, bookkeeping)."""

import base64
import datetime
import email.utils
import hashlib
import hmac
import json
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass

import requests

from django.core.serializers.json import DjangoJSONEncoder
from django.views.decorators.debug import sensitive_variables

from sync.http import timeouts
from sync.urlsafety import UnsafeUrl

SIGNATURE_VERSION = "v1"


@dataclass
class Item:
    delivery: object  # sync.models.Delivery
    change: object  # cms.models.ContentChange
    page: object | None  # the public page; None for a tombstone

    @property
    def is_tombstone(self) -> bool:
        return self.page is None


@dataclass
class Outcome:
    ok: bool
    status_code: int | None = None
    error: str = ""
    duration_ms: int = 0
    retry_after: float | None = None
    gone: bool = False


class AdapterBase(ABC):
    """Subclasses set `batched` and `object_types` and implement body()."""

    batched = False
    object_types = ("intervention",)

    def __init__(self, *, target, session):
        self.target = target
        self.session = session
        self._key = None  # the signing key, decrypted once per adapter

    @sensitive_variables("secret")
    def _signing_key(self) -> bytes | None:
        if self._key is None:
            secret = self.target.secret
            self._key = (
                base64.b64decode(secret.removeprefix("whsec_")) if secret else b""
            )
        return self._key or None

    def prepare(self, items: list[Item]) -> None:
        """Hook: load what the bodies of these items need, in a fixed number
        of queries, before they are sent (one request or several)."""
        return None

    @abstractmethod
    def body(self, items: list[Item]) -> dict:
        """The JSON document for one request carrying these items."""

    def message_id(self, items: list[Item]) -> str:
        if len(items) == 1:
            return str(items[0].delivery.message_id)
        digest = hashlib.sha256(
            ",".join(str(item.delivery.message_id) for item in items).encode()
        ).hexdigest()
        return f"batch_{digest[:32]}"

    def send(self, items: list[Item]) -> Outcome:
        payload = json.dumps(
            self.body(items), cls=DjangoJSONEncoder, separators=(",", ":")
        ).encode()
        headers = {"content-type": "application/json", "user-agent": "Samverkan-Sync"}
        headers.update(self.signature_headers(self.message_id(items), payload))
        return post(self.session, self.target.url, payload, headers)

    @sensitive_variables("key")
    def signature_headers(self, message_id: str, payload: bytes) -> dict:
        """Standard Webhooks headers, signed with the target's `whsec_`
        secret (no signature when the target has none)."""
        timestamp = str(int(time.time()))
        headers = {"webhook-id": message_id, "webhook-timestamp": timestamp}
        key = self._signing_key()
        if key:
            signed = f"{message_id}.{timestamp}.".encode() + payload
            digest = hmac.new(key, signed, hashlib.sha256).digest()
            headers["webhook-signature"] = (
                f"{SIGNATURE_VERSION},{base64.b64encode(digest).decode()}"
            )
        return headers


def post(session, url: str, payload: bytes, headers: dict) -> Outcome:
    """One POST; never raises for network trouble, never follows redirects."""
    started = time.monotonic()
    try:
        response = session.post(
            url,
            data=payload,
            headers=headers,
            timeout=timeouts(),
            allow_redirects=False,
        )
    except requests.Timeout:
        return Outcome(ok=False, error="timeout", duration_ms=_ms(started))
    except UnsafeUrl as error:
        return Outcome(
            ok=False, error=f"unsafe address: {error}"[:300], duration_ms=_ms(started)
        )
    except requests.RequestException as error:
        return Outcome(ok=False, error=_describe(error), duration_ms=_ms(started))
    duration = _ms(started)
    code = response.status_code
    response.close()
    if 200 <= code < 300:
        return Outcome(ok=True, status_code=code, duration_ms=duration)
    return Outcome(
        ok=False,
        status_code=code,
        error=f"HTTP {code}",
        duration_ms=duration,
        retry_after=(
            retry_after_seconds(response.headers.get("Retry-After"))
            if code in (429, 503)
            else None
        ),
        gone=code == 410,
    )


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return max(0.0, (moment - datetime.datetime.now(datetime.UTC)).total_seconds())


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def _describe(error: Exception) -> str:
    """A short reason without request details (no headers, no body)."""
    seen = error
    while seen is not None:
        if isinstance(seen, UnsafeUrl):
            return f"unsafe address: {seen}"[:300]
        seen = seen.__context__ or seen.__cause__
    if isinstance(error, requests.ConnectionError):
        return "connection error"
    return type(error).__name__


def adapter_for(*, target, session) -> AdapterBase:
    from sync.targets.hsds import HsdsAdapter
    from sync.targets.informationsverige import InformationsverigeAdapter
    from sync.targets.webhook import WebhookAdapter

    adapters = {
        "webhook": WebhookAdapter,
        "hsds": HsdsAdapter,
        "informationsverige": InformationsverigeAdapter,
    }
    return adapters[target.adapter](target=target, session=session)
