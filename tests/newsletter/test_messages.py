"""Newsletter messages are encoded once per chunk and only the recipient's
links are spliced in: what a mail program decodes must be exactly the
personalised rendering, with every quoted-printable line within 76
characters."""

import email
import email.policy

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsletter.rendering import PREFERENCES, UNSUBSCRIBE, RenderedIssue
from newsletter.services.messages import NewsletterMessage

# Characters that exercise quoted-printable: escapes (=, non-ASCII), spaces
# and tabs that may end a line, dots that may start one, hard line breaks.
TEXT = st.text(alphabet="ab =.\t\nåé€<>/\"'", max_size=300)
CONTENT = st.lists(
    st.one_of(TEXT, st.sampled_from([UNSUBSCRIBE, PREFERENCES])), max_size=8
).map("".join)
URL = st.text(alphabet="abc/=?&%:.-_~0123456789", min_size=0, max_size=160).map(
    lambda tail: f"https://example.se/{tail}"
)


def _decoded(data: bytes) -> tuple[str, str, list[bytes]]:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert not message.defects
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    lines = [line for part in (text, html) for line in part.get_payload().split("\n")]

    def content(part):
        return part.get_content().replace("\r\n", "\n")

    return content(text), content(html), lines


@settings(max_examples=300, deadline=None)
@given(text=CONTENT, html=CONTENT, unsubscribe=URL, preferences=URL)
# Found by a full run: binascii.b2a_qp wrote this line's closing space as
# =20 at columns 75-77.
@example(
    text="",
    html="<<<<<ååå€<<<<<<<<<<<<==å€€ \n",
    unsubscribe="https://example.se/",
    preferences="https://example.se/",
)
def test_decoded_parts_are_the_personalised_rendering(
    text, html, unsubscribe, preferences
):
    rendered = RenderedIssue(subject="s", html=html, text=text, archive_url="")
    data = NewsletterMessage(
        rendered=rendered, subject="Nyhetsbrev", from_email="nl@example.se"
    ).as_bytes(
        to="amina@example.org",
        unsubscribe_url=unsubscribe,
        preferences_url=preferences,
        message_id="<newsletter.1.2@example.se>",
    )

    got_text, got_html, lines = _decoded(data)

    want_html, want_text = rendered.personalised(
        unsubscribe_url=unsubscribe, preferences_url=preferences
    )
    assert got_text == want_text
    assert got_html == want_html
    assert all(len(line.rstrip("\r")) <= 76 for line in lines)


def test_a_placeholder_after_a_full_line_still_gets_a_short_soft_break():
    # 75 characters then an escape: the encoded line is exactly 76 long.
    text = "x" * 73 + "é" + UNSUBSCRIBE + "\n"
    rendered = RenderedIssue(subject="s", html="<p></p>", text=text, archive_url="")
    data = NewsletterMessage(
        rendered=rendered, subject="s", from_email="Nyhetsbrev <nl@example.se>"
    ).as_bytes(
        to="Amina Ali <amina@example.org>",
        unsubscribe_url="https://example.se/u/1/",
        preferences_url="https://example.se/p/1/",
    )

    got_text, _html, lines = _decoded(data)

    assert got_text == "x" * 73 + "éhttps://example.se/u/1/\n"
    assert all(len(line.rstrip("\r")) <= 76 for line in lines)
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert message["To"] == "Amina Ali <amina@example.org>"
