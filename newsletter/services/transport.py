"""Hands finished message bytes to the configured e-mail backend over one
connection. With Django's SMTP backend the bytes go straight to smtplib
(fast, and the exceptions say exactly what the server answered); any other
backend (files in the demo, memory in tests) gets them wrapped as a Django
message."""

import email
import email.policy
import smtplib

from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend

SMTP_TIMEOUT = 30


class _RawMessage(EmailMessage):
    def __init__(self, data: bytes, sender: str, to: str):
        super().__init__(from_email=sender, to=[to])
        self.data = data

    def message(self, *, policy=None):
        return email.message_from_bytes(self.data, policy=email.policy.SMTP)


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
        otherwise (smtplib's exceptions for SMTP)."""
        if isinstance(self.backend, SmtpBackend):
            smtp = self.backend.connection
            if self._pipelining(smtp) and sender.isascii() and to.isascii():
                _send_pipelined(smtp, sender, to, data)
            else:
                smtp.sendmail(sender, [to], data)
        elif self.backend.send_messages([_RawMessage(data, sender, to)]) != 1:
            raise OSError("the e-mail backend did not take the message")


def _send_pipelined(smtp: smtplib.SMTP, sender: str, to: str, data: bytes) -> None:
    """MAIL, RCPT and DATA in one write (RFC 2920), then the message: two
    round trips instead of four. Raises smtplib's exceptions as sendmail
    does, after resetting the session for the next message."""
    smtp.send(f"MAIL FROM:<{sender}>\r\nRCPT TO:<{to}>\r\nDATA\r\n".encode())
    mail, rcpt, start = smtp.getreply(), smtp.getreply(), smtp.getreply()
    if start[0] == 354 and (mail[0] != 250 or rcpt[0] not in (250, 251)):
        smtp.send(b".\r\n")  # end the data we will not send
        smtp.getreply()
    if mail[0] != 250:
        smtp.rset()
        raise smtplib.SMTPSenderRefused(mail[0], mail[1], sender)
    if rcpt[0] not in (250, 251):
        smtp.rset()
        raise smtplib.SMTPRecipientsRefused({to: rcpt})
    if start[0] != 354:
        smtp.rset()
        raise smtplib.SMTPDataError(*start)
    body = data.replace(b"\r\n.", b"\r\n..")  # dot-stuffing (RFC 5321 4.5.2)
    if body.startswith(b"."):
        body = b"." + body
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    smtp.send(body + b".\r\n")
    code, reply = smtp.getreply()
    if code != 250:
        smtp.rset()
        raise smtplib.SMTPDataError(code, reply)
