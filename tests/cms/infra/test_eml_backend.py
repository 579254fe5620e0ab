"""The demo's mail backend writes every message as its own .eml file that a
mail program (and Python's e-mail parser) opens as the message sent."""

import email
from email import policy

from django.core.mail import EmailMultiAlternatives, get_connection


def test_each_message_is_an_eml_file(tmp_path):
    connection = get_connection(
        "cms.infra.eml_backend.EmlFileBackend", file_path=tmp_path
    )
    first = EmailMultiAlternatives(
        "Samverkan: 1 insats att granska",
        "Hej Elin,\nSFI Tumba ska granskas.",
        "noreply@example.se",
        ["elin@example.se"],
    )
    first.attach_alternative("<p>Hej Elin,</p>", "text/html")
    second = EmailMultiAlternatives(
        "Nyhetsbrev", "Text", "a@example.se", ["b@example.se"]
    )

    assert connection.send_messages([first, second]) == 2

    files = sorted(tmp_path.glob("*.eml"))
    assert len(files) == 2
    parsed = [
        email.message_from_bytes(f.read_bytes(), policy=policy.default) for f in files
    ]
    subjects = {message["Subject"] for message in parsed}
    assert subjects == {"Samverkan: 1 insats att granska", "Nyhetsbrev"}
    review = next(m for m in parsed if m["To"] == "elin@example.se")
    assert "SFI Tumba" in review.get_body(preferencelist=("plain",)).get_content()
    assert review.get_body(preferencelist=("html",)) is not None
