"""One newsletter e-mail: both parts, the one-click unsubscribe headers and
a Message-ID that stays the same however often it is sent."""

from django.core.mail import EmailMultiAlternatives

from newsletter.conf import from_email, message_id_domain
from newsletter.services.rendering import RenderedIssue


def delivery_message_id(*, issue_id: int, delivery_id: int) -> str:
    return f"<newsletter.{issue_id}.{delivery_id}@{message_id_domain()}>"


def newsletter_message(
    *,
    rendered: RenderedIssue,
    subject: str,
    to: str,
    unsubscribe_url: str,
    preferences_url: str,
    message_id: str | None = None,
    connection=None,
) -> EmailMultiAlternatives:
    html, text = rendered.personalised(
        unsubscribe_url=unsubscribe_url, preferences_url=preferences_url
    )
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"<newsletter.{message_id_domain()}>",
        "Precedence": "bulk",
    }
    if message_id:
        headers["Message-ID"] = message_id
    message = EmailMultiAlternatives(
        subject, text, from_email(), [to], headers=headers, connection=connection
    )
    message.attach_alternative(html, "text/html")
    return message
