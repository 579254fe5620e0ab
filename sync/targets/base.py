"""The abstract adapter and what it returns.

An adapter turns items (a delivery with its change and, unless it is a
tombstone, the JSON text of the object's current public state in the
adapter's format) into HTTP requests. It builds those JSON fragments in
bulk from public pages (`fragments`, run once per version and format: the
delivery service stores them as Payload rows and reuses them for every
target and retry), assembles request bodies from them without decoding
them again (`body`), and says whether it sends one item per request or
batches; the delivery service does everything else (claiming, coalescing,
retries, bookkeeping)."""

import base64
import datetime
import email.utils
import hashlib
import hmac
import json
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass

import urllib3

from django.core.serializers.json import DjangoJSONEncoder
from django.views.decorators.debug import sensitive_variables

from sync.errors import CONNECTION_ERROR, TIMEOUT, UNSAFE_ADDRESS
from sync.urlsafety import UnsafeUrl

SIGNATURE_VERSION = "v1"


@dataclass
class Item:
    delivery: object  # sync.models.Delivery
    change: object  # cms.models.ContentChange
    fragment: str | None  # JSON text in the adapter's format; None: tombstone

    @property
    def is_tombstone(self) -> bool:
        return self.fragment is None


@dataclass
class Outcome:
    ok: bool
    status_code: int | None = None
    error: str = ""
    duration_ms: int = 0
    retry_after: float | None = None
    gone: bool = False


def json_text(value) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, separators=(",", ":"))


def json_object(members: dict, *, raw: dict | None = None) -> str:
    """A JSON object of `members` (encoded here) followed by `raw` members
    whose values are JSON text already (spliced in as they are)."""
    parts = [f"{json.dumps(key)}:{json_text(value)}" for key, value in members.items()]
    parts += [f"{json.dumps(key)}:{text}" for key, text in (raw or {}).items()]
    return "{" + ",".join(parts) + "}"


class AdapterBase(ABC):
    """Subclasses set `batched`, `object_types` and `payload_format` and
    implement fragments() and body()."""

    batched = False
    object_types = ("intervention",)
    # The Payload.format of this adapter's fragments, with a revision: raise
    # it when what fragments() returns changes, so payloads stored before a
    # deploy are not sent any more (they are built afresh; the sweeper's
    # pruning deletes the old ones).
    payload_format = "api.1"
    # The languages of an object the adapter sends: "source" (Swedish only:
    # a translation's changes are not sent), "each" (a message for every
    # language's change, the object in that language) or "all" (the
    # Swedish page with its translations: a translation's change sends the
    # object again).
    languages = "source"

    def __init__(self, *, target, client):
        self.target = target
        self.client = client  # sync.http.client_new()
        self._key = None  # the signing key, decrypted once per adapter

    @sensitive_variables("secret")
    def _signing_key(self) -> bytes | None:
        if self._key is None:
            secret = self.target.secret
            self._key = (
                base64.b64decode(secret.removeprefix("whsec_")) if secret else b""
            )
        return self._key or None

    @abstractmethod
    def fragments(self, *, object_type: str, pages: list, changes: dict) -> dict:
        """The JSON-able fragment of each of these public pages (of one
        object type), by page pk, loaded in a fixed number of queries.
        `changes` maps page pk to the change being sent."""

    @abstractmethod
    def body(self, items: list[Item]) -> str:
        """The JSON text of one request carrying these items."""

    def message_id(self, items: list[Item]) -> str:
        if len(items) == 1:
            return str(items[0].delivery.message_id)
        digest = hashlib.sha256(
            ",".join(str(item.delivery.message_id) for item in items).encode()
        ).hexdigest()
        return f"batch_{digest[:32]}"

    def send(self, items: list[Item]) -> Outcome:
        payload = self.body(items).encode()
        headers = {"content-type": "application/json", "user-agent": "Samverkan-Sync"}
        headers.update(self.signature_headers(self.message_id(items), payload))
        return post(self.client, self.target.url, payload, headers)

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


# Responses up to this size are read so the connection can be reused;
# anything longer (or of unknown length) is dropped with its connection.
DRAIN_LIMIT = 64 * 1024


def post(client, url: str, payload: bytes, headers: dict) -> Outcome:
    """One POST; never raises for network trouble, never follows redirects."""
    started = time.monotonic()
    try:
        response = client.request(
            "POST",
            url,
            body=payload,
            headers=headers,
            redirect=False,
            preload_content=False,
        )
    except UnsafeUrl as error:
        return Outcome(
            ok=False, error=f"{UNSAFE_ADDRESS}{error}"[:300], duration_ms=_ms(started)
        )
    except urllib3.exceptions.HTTPError as error:
        return Outcome(ok=False, error=_describe(error), duration_ms=_ms(started))
    code = response.status
    try:
        length = int(response.headers.get("content-length", ""))
    except ValueError:
        length = None
    if length is not None and length <= DRAIN_LIMIT:
        try:
            response.drain_conn()
            response.release_conn()
        except urllib3.exceptions.HTTPError:
            response.close()
    else:
        response.close()
    duration = _ms(started)
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
            return f"{UNSAFE_ADDRESS}{seen}"[:300]
        seen = seen.__context__ or seen.__cause__
    # (A refused connection is a NewConnectionError, which urllib3 still
    # derives from its timeout error.)
    if isinstance(
        error, (urllib3.exceptions.ProtocolError, urllib3.exceptions.NewConnectionError)
    ):
        return CONNECTION_ERROR
    if isinstance(error, urllib3.exceptions.TimeoutError):
        return TIMEOUT
    return type(error).__name__
