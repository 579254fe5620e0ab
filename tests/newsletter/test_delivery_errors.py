"""The reason a message was not sent, as the sending page shows it
(newsletter/models/deliveries.py, Delivery.error_display): in the reader's
language, and a mail server's refusal as text."""

import pytest

from django.utils import translation

from newsletter.models import Delivery


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        ("cancelled", "stoppades innan det skickades"),
        ("no longer subscribed", "prenumererar inte längre"),
        (
            "sender stopped before recording",
            "avsändaren stannade innan det registrerades: det kan ha kommit fram",
        ),
        (
            "550 5.1.1 User unknown",
            "E-postservern avvisade det: 550 5.1.1 User unknown",
        ),
        # Recorded before 5 December 2026, as Python wrote the reply's bytes.
        (
            "550 b'5.1.1 User unknown'",
            "E-postservern avvisade det: 550 5.1.1 User unknown",
        ),
        ("", ""),
    ],
)
def test_the_reason_in_swedish(error, shown):
    with translation.override("sv"):
        assert Delivery(error=error).error_display == shown


def test_the_reasons_recorded_are_the_ones_shown():
    assert Delivery.Reason.CANCELLED == "cancelled"
    with translation.override("en"):
        assert Delivery(error=Delivery.Reason.CANCELLED).error_display == (
            "cancelled before it was sent"
        )
