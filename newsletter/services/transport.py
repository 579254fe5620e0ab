"""Hands finished message bytes to the configured e-mail backend over one
connection. With Django's SMTP backend the bytes go straight to smtplib
(fast, and the exceptions say exactly what the server answered); any other
backend (files in the demo, memory in tests) gets them wrapped as a Django
message."""

import email
import email.policy

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

    def __enter__(self):
        self.backend.open()
        return self

    def __exit__(self, *exc_info):
        self.backend.close()

    def send(self, *, sender: str, to: str, data: bytes) -> None:
        """Return only once the server accepted the message; raise
        otherwise (smtplib's exceptions for SMTP)."""
        if isinstance(self.backend, SmtpBackend):
            self.backend.connection.sendmail(sender, [to], data)
        elif self.backend.send_messages([_RawMessage(data, sender, to)]) != 1:
            raise OSError("the e-mail backend did not take the message")
