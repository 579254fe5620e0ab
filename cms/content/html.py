"""Rich text as the delivery API sends it: Wagtail's internal links and
embeds expanded to real HTML, then cleaned with an allowlist (nh3), so a
partner site can insert it as HTML and nothing executable comes along,
whatever reached the database (an import, a script, an old editor)."""

import re

import nh3

ALLOWED_TAGS = {
    "a",
    "b",
    "blockquote",
    "br",
    "code",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "strong",
    "sub",
    "sup",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def rich_text_html(value: str | None) -> str:
    from wagtail.rich_text import expand_db_html

    return nh3.clean(
        expand_db_html(value or ""),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


# Addresses that end up in an href of their own (an organisation's website,
# a meeting's online link): only these schemes, whatever reached the database.
LINK_SCHEMES = {"http", "https", "mailto"}
_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def link_url(value: str | None) -> str:
    """`value` when it is an absolute http(s) or mailto address, else "".

    A browser drops tabs and newlines inside a URL and leading control
    characters, so "java\\tscript:" is "javascript:" to it: such a value
    is refused, not cleaned."""
    url = (value or "").strip()
    if not url or _CONTROL.search(url):
        return ""
    scheme, colon, _rest = url.partition(":")
    if not colon or scheme.lower() not in LINK_SCHEMES:
        return ""
    return url
