"""The public archive of an issue in its languages: which languages an
archived issue exists in (Swedish and each translation frozen when sending
started), their addresses, and the language switcher put into the archived
e-mail's page."""

import re
from urllib.parse import urlsplit

from django.template.loader import render_to_string
from django.utils.translation import override as translation_override

from cms.languages import (
    SOURCE_LANGUAGE,
    content_language_codes,
    locale_direction,
    native_name,
)
from newsletter.languages import interface_language
from newsletter.scoping import archive_issue_url

_BODY = re.compile(r"<body[^>]*>", re.IGNORECASE)
_HEAD_END = re.compile(r"</head>", re.IGNORECASE)


def issue_archive_languages(*, issue) -> list[str]:
    """The languages the archived issue can be read in: Swedish and every
    translation frozen with it, in the order of the content languages.
    One query."""
    frozen = set(
        issue.translations.exclude(html_frozen="").values_list("language", flat=True)
    )
    return [
        code
        for code in content_language_codes()
        if code == SOURCE_LANGUAGE or code in frozen
    ]


def _link(*, issue, code: str, current: str) -> dict:
    url = archive_issue_url(issue=issue, language=code)
    parts = urlsplit(url)
    return {
        "code": code,
        "name": native_name(code),
        "dir": locale_direction(code),
        "url": url,  # absolute: the hreflang alternates
        # On the site the reader is on: the switcher.
        "path": parts.path + (f"?{parts.query}" if parts.query else ""),
        "current": code == current,
    }


def issue_archive_links(*, issue, current: str) -> list[dict]:
    """One entry per language of issue_archive_languages: code, name (in
    itself), direction, address (absolute and as a path), and whether it
    is the one shown."""
    return [
        _link(issue=issue, code=code, current=current)
        for code in issue_archive_languages(issue=issue)
    ]


def archive_html_with_languages(html: str, *, links: list[dict], language: str):
    """The archived e-mail's page with hreflang alternates in its head and a
    language switcher at the top of its body (nothing when the issue exists
    in one language only)."""
    if len(links) < 2:
        return html
    with translation_override(interface_language(language)):
        switcher = render_to_string(
            "samverkan_newsletter/public/archive_languages.html", {"links": links}
        )
    alternates = "".join(
        f'<link rel="alternate" hreflang="{link["code"]}" href="{link["url"]}">'
        for link in links
    )
    html = _HEAD_END.sub(lambda m: alternates + m.group(0), html, count=1)
    return _BODY.sub(lambda m: m.group(0) + switcher, html, count=1)
