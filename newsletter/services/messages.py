"""Newsletter e-mails as bytes, built fast: the headers and both parts are
encoded once per chunk and only the recipient's own links, address and
Message-ID are spliced in per message. Every message has the one-click
unsubscribe headers (RFC 8058) and a Message-ID that stays the same however
often it is sent."""

import binascii
import re
import uuid
from email.header import Header
from email.utils import formataddr, formatdate, make_msgid, parseaddr

from newsletter.conf import message_id_domain
from newsletter.rendering import PREFERENCES, UNSUBSCRIBE, RenderedIssue

# Quoted-printable lines are at most 76 characters (RFC 2045 6.7).
QP_LINE = 76
SOFT_BREAK = b"=\r\n"
_PLACEHOLDER = re.compile(f"({re.escape(UNSUBSCRIBE)}|{re.escape(PREFERENCES)})")
# An address that needs no quoting or encoding in a header as it is.
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~@-]+")


def delivery_message_id(
    *, issue_id: int, delivery_id: int, domain: str | None = None
) -> str:
    return f"<newsletter.{issue_id}.{delivery_id}@{domain or message_id_domain()}>"


def _header(value: str) -> str:
    return Header(value, "utf-8").encode() if not value.isascii() else value


def _address(value: str) -> str:
    if _PLAIN_ADDRESS.fullmatch(value):
        return value
    name, address = parseaddr(value)
    return formataddr((name, address), charset="utf-8") if name else address


def _quoted_printable(content: str) -> bytes:
    encoded = binascii.b2a_qp(content.replace("\r\n", "\n").encode(), istext=True)
    return b"\r\n".join(_within_line_limit(line) for line in encoded.split(b"\n"))


def _within_line_limit(line: bytes) -> bytes:
    """A line of b2a_qp's output within QP_LINE. b2a_qp counts a space or tab
    at the end of a line as one character and then writes it as =20 or =09,
    so such a line can come out at 77: it is split with soft line breaks
    where no =XX escape is cut."""
    parts = []
    while len(line) > QP_LINE:
        cut = QP_LINE - 1
        while b"=" in line[cut - 2 : cut]:
            cut -= 1
        parts.append(line[:cut] + b"=")
        line = line[cut:]
    parts.append(line)
    return b"\r\n".join(parts)


def _with_room_for_soft_break(encoded: bytes) -> bytes:
    """Encoded text whose last line can take a soft line break ("=") and
    stay within QP_LINE: a full last line is split where no =XX escape is
    cut."""
    start = encoded.rfind(b"\n") + 1
    last = encoded[start:]
    if len(last) < QP_LINE:
        return encoded
    cut = QP_LINE - 1
    while b"=" in last[cut - 2 : cut]:
        cut -= 1
    return encoded[:start] + last[:cut] + SOFT_BREAK + last[cut:]


class _EncodedPart:
    """One body part's content encoded once, with the placeholders left as
    slots. A slot's value goes on lines of its own between soft line breaks,
    which decoders remove, so the decoded part is exactly the content with
    the placeholders replaced."""

    def __init__(self, content: str):
        pieces = _PLACEHOLDER.split(content)
        self.fixed = [
            _with_room_for_soft_break(_quoted_printable(piece)) for piece in pieces[::2]
        ]
        self.slots = pieces[1::2]

    def fill(self, values: dict[str, str]) -> list[bytes]:
        out = [self.fixed[0]]
        for slot, fixed in zip(self.slots, self.fixed[1:], strict=True):
            encoded = _with_room_for_soft_break(_quoted_printable(values[slot]))
            out += [SOFT_BREAK, encoded, SOFT_BREAK, fixed]
        return out


class NewsletterMessage:
    """One issue's message, ready to be filled in for each recipient."""

    def __init__(self, *, rendered: RenderedIssue, subject: str, from_email: str):
        self.sender = parseaddr(from_email)[1]
        self.domain = message_id_domain()
        self.list_id = f"<newsletter.{self.domain}>"
        self.boundary = f"=_samverkan_{uuid.uuid4().hex}"
        self.head = (
            f"From: {_address(from_email)}\r\n"
            f"Subject: {_header(subject)}\r\n"
            "MIME-Version: 1.0\r\n"
            f'Content-Type: multipart/alternative; boundary="{self.boundary}"\r\n'
            f"List-Id: {self.list_id}\r\n"
            "Precedence: bulk\r\n"
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
        ).encode()
        part = (
            "\r\n--{boundary}\r\n"
            'Content-Type: text/{kind}; charset="utf-8"\r\n'
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        )
        self.text_head = part.format(boundary=self.boundary, kind="plain").encode()
        self.html_head = part.format(boundary=self.boundary, kind="html").encode()
        self.tail = f"\r\n--{self.boundary}--\r\n".encode()
        self.text = _EncodedPart(rendered.text)
        self.html = _EncodedPart(rendered.html)

    def as_bytes(
        self,
        *,
        to: str,
        unsubscribe_url: str,
        preferences_url: str,
        message_id: str | None = None,
    ) -> bytes:
        links = {UNSUBSCRIBE: unsubscribe_url, PREFERENCES: preferences_url}
        headers = (
            f"To: {_address(to)}\r\n"
            f"Date: {formatdate()}\r\n"
            f"Message-ID: {message_id or make_msgid(domain=self.domain)}\r\n"
            f"List-Unsubscribe: <{unsubscribe_url}>\r\n"
        ).encode()
        return b"".join(
            [
                self.head,
                headers,
                self.text_head,
                *self.text.fill(links),
                self.html_head,
                *self.html.fill(links),
                self.tail,
            ]
        )
