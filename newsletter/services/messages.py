"""Newsletter e-mails as bytes, built fast: the headers and both parts are
prepared once per chunk and only the recipient's own links and Message-ID
are filled in per message. Every message has the one-click unsubscribe
headers (RFC 8058) and a Message-ID that stays the same however often it is
sent."""

import binascii
import uuid
from email.header import Header
from email.utils import formataddr, formatdate, make_msgid, parseaddr

from newsletter.conf import message_id_domain
from newsletter.services.rendering import RenderedIssue


def delivery_message_id(*, issue_id: int, delivery_id: int) -> str:
    return f"<newsletter.{issue_id}.{delivery_id}@{message_id_domain()}>"


def _header(value: str) -> str:
    return Header(value, "utf-8").encode() if not value.isascii() else value


def _address(value: str) -> str:
    name, address = parseaddr(value)
    return formataddr((name, address), charset="utf-8") if name else address


def _quoted_printable(content: str) -> bytes:
    encoded = binascii.b2a_qp(content.replace("\r\n", "\n").encode(), istext=True)
    return encoded.replace(b"\n", b"\r\n")


class NewsletterMessage:
    """One issue's message, ready to be filled in for each recipient."""

    def __init__(self, *, rendered: RenderedIssue, subject: str, from_email: str):
        self.rendered = rendered
        self.sender = parseaddr(from_email)[1]
        self.list_id = f"<newsletter.{message_id_domain()}>"
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
            "--{boundary}\r\n"
            'Content-Type: text/{kind}; charset="utf-8"\r\n'
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        )
        self.text_head = part.format(boundary=self.boundary, kind="plain").encode()
        self.html_head = part.format(boundary=self.boundary, kind="html").encode()
        self.tail = f"\r\n--{self.boundary}--\r\n".encode()

    def as_bytes(
        self,
        *,
        to: str,
        unsubscribe_url: str,
        preferences_url: str,
        message_id: str | None = None,
    ) -> bytes:
        html, text = self.rendered.personalised(
            unsubscribe_url=unsubscribe_url, preferences_url=preferences_url
        )
        headers = (
            f"To: {_address(to)}\r\n"
            f"Date: {formatdate()}\r\n"
            f"Message-ID: {message_id or make_msgid(domain=message_id_domain())}\r\n"
            f"List-Unsubscribe: <{unsubscribe_url}>\r\n"
        ).encode()
        return b"".join(
            [
                self.head,
                headers,
                b"\r\n",
                self.text_head,
                _quoted_printable(text),
                b"\r\n",
                self.html_head,
                _quoted_printable(html),
                self.tail,
            ]
        )
