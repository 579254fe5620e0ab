"""Hands finished message bytes to the configured e-mail backend over one
connection. With Django's SMTP backend the bytes go straight to smtplib
(fast, and the exceptions say exactly what the server answered); any other
backend (files in the demo, memory in tests, an e-mail provider's API
through django-anymail) gets a real Django message rebuilt from them:
subject, text and HTML bodies and every other header (List-Unsubscribe,
Message-ID...). A provider backend reads those fields, not the bytes: given
the bytes alone it sent blank newsletters."""

import contextlib
import email
import email.policy
import smtplib

from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend

SMTP_TIMEOUT = 30


# Headers the Django message sets from its own fields.
_OWN_HEADERS = {
    "subject",
    "from",
    "to",
    "cc",
    "bcc",
    "content-type",
    "content-transfer-encoding",
    "mime-version",
}


def django_message(data: bytes, sender: str, to: str) -> EmailMultiAlternatives:
    """The finished message as a Django message any backend can send."""
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    bodies: dict[str, str] = {}
    for part in parsed.walk():
        if part.is_multipart() or part.get_content_disposition() == "attachment":
            continue
        if part.get_content_type() in ("text/plain", "text/html"):
            bodies.setdefault(part.get_content_type(), part.get_content())
    message = EmailMultiAlternatives(
        subject=str(parsed["Subject"] or ""),
        body=bodies.get("text/plain", ""),
        from_email=str(parsed["From"] or sender),
        to=[to],
        headers={
            name: str(value)
            for name, value in parsed.items()
            if name.lower() not in _OWN_HEADERS
        },
    )
    if "text/html" in bodies:
        message.attach_alternative(bodies["text/html"], "text/html")
    return message


class NotHandedOver(smtplib.SMTPException):
    """The connection failed before the whole message was handed over (its
    final dot never reached the server), so the server cannot have accepted
    it: the message is not in doubt and may simply be sent again."""


class Transport:
    def __init__(self):
        self.backend = get_connection(timeout=SMTP_TIMEOUT)
        self.pipelining = None

    def _pipelining(self, smtp) -> bool:
        if self.pipelining is None:
            smtp.ehlo_or_helo_if_needed()
            self.pipelining = smtp.has_extn("pipelining")
        return self.pipelining

    def __enter__(self):
        self.backend.open()
        return self

    def __exit__(self, *exc_info):
        self.backend.close()

    def send(self, *, sender: str, to: str, data: bytes) -> None:
        """Return only once the server accepted the message; raise
        otherwise (smtplib's exceptions for SMTP; NotHandedOver when the
        connection failed before the message was complete)."""
        if isinstance(self.backend, SmtpBackend):
            smtp = self.backend.connection
            if sender.isascii() and to.isascii():
                _send_stepwise(smtp, sender, to, data, self._pipelining(smtp))
            else:
                smtp.sendmail(sender, [to], data)  # SMTPUTF8 options
        elif self.backend.send_messages([django_message(data, sender, to)]) != 1:
            raise OSError("the e-mail backend did not take the message")


def _envelope(smtp: smtplib.SMTP, sender: str, to: str, pipelining: bool):
    """The replies to MAIL, RCPT and DATA (None for a command not sent):
    in one write when the server offers PIPELINING (RFC 2920), else one
    by one."""
    mail_from, rcpt_to = f"FROM:<{sender}>", f"TO:<{to}>"
    if pipelining:
        smtp.send(f"MAIL {mail_from}\r\nRCPT {rcpt_to}\r\nDATA\r\n".encode())
        return smtp.getreply(), smtp.getreply(), smtp.getreply()
    mail = smtp.docmd("MAIL", mail_from)
    if mail[0] != 250:
        return mail, None, None
    rcpt = smtp.docmd("RCPT", rcpt_to)
    if rcpt[0] not in (250, 251):
        return mail, rcpt, None
    return mail, rcpt, smtp.docmd("DATA")


def _refusal(sender: str, to: str, mail, rcpt, start) -> smtplib.SMTPException | None:
    if mail[0] != 250:
        return smtplib.SMTPSenderRefused(mail[0], mail[1], sender)
    if rcpt[0] not in (250, 251):
        return smtplib.SMTPRecipientsRefused({to: rcpt})
    if start[0] != 354:
        return smtplib.SMTPDataError(*start)
    return None


def _dot_stuffed(data: bytes) -> bytes:
    body = data.replace(b"\r\n.", b"\r\n..")  # RFC 5321 4.5.2
    if body.startswith(b"."):
        body = b"." + body
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    return body + b".\r\n"


def _reset(smtp: smtplib.SMTP) -> None:
    """RSET for the next message; a broken connection shows on that one."""
    with contextlib.suppress(OSError, smtplib.SMTPServerDisconnected):
        smtp.rset()


def _send_stepwise(
    smtp: smtplib.SMTP, sender: str, to: str, data: bytes, pipelining: bool
) -> None:
    """The envelope, then the message: raises smtplib's exceptions as
    sendmail does (after resetting the session for the next message), and
    NotHandedOver when the connection fails before the final dot went out.
    Only a failure while waiting for the last reply leaves the message in
    doubt."""
    try:
        mail, rcpt, start = _envelope(smtp, sender, to, pipelining)
        refusal = _refusal(sender, to, mail, rcpt, start)
        if refusal is None:
            smtp.send(_dot_stuffed(data))
        elif start is not None and start[0] == 354:
            smtp.send(b".\r\n")  # end the data we will not send
            smtp.getreply()
    except (OSError, smtplib.SMTPServerDisconnected) as error:
        raise NotHandedOver(str(error)) from error
    if refusal is not None:
        _reset(smtp)
        raise refusal
    code, reply = smtp.getreply()
    if code != 250:
        _reset(smtp)
        raise smtplib.SMTPDataError(code, reply)
