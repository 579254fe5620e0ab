"""The newsletter goes through any Django e-mail backend: a provider's
backend (django-anymail, here its test backend) gets the real subject,
text and HTML bodies and headers, not raw bytes it cannot read (it sent
blank newsletters)."""

import pytest

from django.core import mail

from newsletter.services import issues
from tests.newsletter.factories import IssueFactory

pytestmark = pytest.mark.django_db


def test_anymail_gets_subject_bodies_and_headers(settings, audience):
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    issue = IssueFactory(subject="Marsnytt", audiences=[audience])

    assert issues.issue_send_test(issue=issue, emails=["kom@example.se"]) == 1

    (message,) = mail.outbox
    params = message.anymail_test_params
    assert params["subject"] == "[TEST] Marsnytt"
    assert [address.addr_spec for address in params["to"]] == ["kom@example.se"]
    assert message.body.strip()  # the text version
    (html, mimetype), *_ = message.alternatives
    assert mimetype == "text/html" and "<html" in html.lower()
    assert "Marsnytt" in html or "Marsnytt" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert "Message-ID" in message.extra_headers
