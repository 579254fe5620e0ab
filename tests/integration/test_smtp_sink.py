"""The real SMTP server the mail tests use, and the worker's path to it."""

import pytest

from django.core.mail import send_mail

pytestmark = pytest.mark.integration


def test_mail_sent_in_process_arrives_over_smtp(smtp_sink):
    send_mail("Hej", "Brödtext", "from@example.org", ["to@example.org"])

    (message,) = smtp_sink.wait_for(1)
    assert message["Subject"] == "Hej"
    assert message.get_content().strip() == "Brödtext"


def test_refused_recipient_raises(smtp_sink):
    import smtplib

    smtp_sink.refused_recipients.add("gone@example.org")
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        send_mail("Hej", "x", "from@example.org", ["gone@example.org"])
    assert smtp_sink.messages == []
