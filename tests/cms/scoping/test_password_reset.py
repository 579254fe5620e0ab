"""The admin's password reset (/admin/password_reset/) is no enumeration
oracle: for an address with an account and one without, the request does
the same work (the same SQL, one task queued after commit) and sends
nothing; the task sends the reset mail to the account only, and its link
lets the person set a new password."""

import re

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory

RESET = "/admin/password_reset/"


def _request_work(client, email, capture):
    with (
        CaptureQueriesContext(connection) as queries,
        capture() as queued,
    ):
        response = client.post(RESET, {"email": email})
    return {
        "answer": (response.status_code, response.get("Location")),
        "sql": [re.sub(r'"s\d+_x\d+"', "s", q["sql"]) for q in queries],
        "mail": len(mail.outbox),
    }, queued


def test_known_and_unknown_addresses_do_the_same_work(
    client, db, django_capture_on_commit_callbacks
):
    anna = UserFactory(username="anna", email="anna@example.se")

    known, known_queued = _request_work(
        client, "anna@example.se", django_capture_on_commit_callbacks
    )
    unknown, unknown_queued = _request_work(
        client, "ingen@example.se", django_capture_on_commit_callbacks
    )

    assert known == unknown
    assert known["answer"] == (302, "/admin/password_reset/done/")
    assert known["mail"] == 0  # nothing sent inside the request
    assert len(known_queued) == len(unknown_queued) == 1

    for callback in unknown_queued:
        callback()
    assert mail.outbox == []  # no account, no mail
    for callback in known_queued:
        callback()
    [message] = mail.outbox
    assert message.to == ["anna@example.se"]
    assert "lösenord" in (message.subject + message.body).lower()

    link = re.search(
        r"http://testserver(/admin/password_reset/confirm/\S+)", message.body
    )
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Ett-nytt-lösen-42", "new_password2": "Ett-nytt-lösen-42"},
    )
    assert done.status_code == 302
    anna.refresh_from_db()
    assert anna.check_password("Ett-nytt-lösen-42")
