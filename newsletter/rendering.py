"""Rendering an issue as e-mail: MJML (through MRML) to responsive HTML with
CSS inlined, a plain-text part, absolute links. Per-subscriber links are
placeholders filled in at send time, so one rendering serves every
recipient and can be frozen."""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

import css_inline
import mrml

from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import override as translation_override

from cms.content.html import rich_text_html
from cms.languages import SOURCE_LANGUAGE
from newsletter.conf import absolute
from newsletter.scoping import archive_issue_url, newsletter_public_url

UNSUBSCRIBE = "%%UNSUBSCRIBE_URL%%"
PREFERENCES = "%%PREFERENCES_URL%%"
_RELATIVE_LINK = re.compile(r'(href|src)="(/[^"]*)"')


@dataclass
class RenderedIssue:
    subject: str
    html: str
    text: str
    archive_url: str

    def personalised(self, *, unsubscribe_url: str, preferences_url: str):
        def fill(content: str) -> str:
            return content.replace(UNSUBSCRIBE, unsubscribe_url).replace(
                PREFERENCES, preferences_url
            )

        return fill(self.html), fill(self.text)

    # The region's subscribe page, which stands in for a reader's own links
    # in the archive; the newsletter's address when not given.
    subscribe_url: str = ""

    def _for_archive(self) -> tuple[str, str]:
        subscribe = self.subscribe_url or absolute(
            reverse("samverkan_newsletter:subscribe")
        )
        return self.personalised(unsubscribe_url=subscribe, preferences_url=subscribe)

    def html_for_archive(self) -> str:
        return self._for_archive()[0]

    def text_for_archive(self) -> str:
        return self._for_archive()[1]


def rich_text_absolute(value) -> str:
    """Rich text as HTML with internal links expanded and made absolute, and
    cleaned by the delivery API's allowlist: nothing executable reaches an
    e-mail, the archive or the preview, and what MJML is given is well formed,
    whatever reached the database."""
    html = rich_text_html(str(getattr(value, "source", value)))
    return _RELATIVE_LINK.sub(lambda m: f'{m.group(1)}="{absolute(m.group(2))}"', html)


def _page_url(page) -> str:
    return absolute(page.get_url() or "/")


def _public(queryset, pages):
    """Only those of the chosen pages that the public may see, in the chosen
    order: drafts and restricted pages never reach a newsletter."""
    ids = [page.pk for page in pages if page is not None]
    public = {page.pk: page for page in queryset.filter(pk__in=ids)}
    return [public[pk] for pk in ids if pk in public]


def _item(page, *, text: str, meta, cancelled: bool = False) -> dict:
    return {
        "title": page.title,
        "url": _page_url(page),
        "text": text,
        "meta": meta,
        "cancelled": cancelled,
    }


def _news_items(pages) -> list[dict]:
    return [_item(page, text=page.lead, meta=page.date) for page in pages]


def _meeting_items(pages) -> list[dict]:
    return [
        _item(
            page,
            text=page.place,
            meta=page.starts_at,
            cancelled=page.status == "cancelled",
        )
        for page in pages
    ]


def _intervention_items(pages) -> list[dict]:
    """The provider is named only when its own page is public."""
    from cms import selectors

    public_providers = set(
        selectors.organisations_published()
        .filter(pk__in={page.provider_id for page in pages})
        .values_list("pk", flat=True)
    )
    return [
        _item(
            page,
            text=page.summary,
            meta=page.provider.title if page.provider_id in public_providers else "",
        )
        for page in pages
    ]


def issue_sections(*, issue) -> list[dict]:
    """The issue's blocks as plain data for the e-mail templates."""
    from cms import selectors

    pages = {
        "news": (selectors.news_public, _news_items),
        "meetings": (selectors.meetings_public, _meeting_items),
        "interventions": (selectors.interventions_published, _intervention_items),
    }
    sections = []
    for block in issue.body:
        value = block.value
        if block.block_type == "intro":
            html = rich_text_absolute(value)
            sections.append({"type": "text", "html": html, "plain": _plain(html)})
        elif block.block_type == "text":
            html = rich_text_absolute(value["text"])
            sections.append(
                {
                    "type": "text",
                    "heading": value["heading"],
                    "html": html,
                    "plain": _plain(html),
                }
            )
        elif block.block_type == "image":
            image = value["image"]
            if image is None:
                continue
            rendition = image.get_rendition("width-1200")
            sections.append(
                {
                    "type": "image",
                    "url": absolute(rendition.url),
                    "alt": image.default_alt_text or value["caption"],
                    "caption": value["caption"],
                }
            )
        elif block.block_type in pages:
            selector, items = pages[block.block_type]
            chosen = _public(selector(), value["pages"])
            if chosen:
                sections.append(
                    {
                        "type": "list",
                        "kind": block.block_type,
                        "heading": value["heading"] or block.block.label,
                        "items": items(chosen),
                    }
                )
    return sections


def _plain(html: str) -> str:
    html = re.sub(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', r"\2 (\1)", html)
    html = re.sub(r"</p>|<br\s*/?>|</li>", "\n", html)
    html = re.sub(r"<li[^>]*>", "- ", html)
    text = strip_tags(html)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


PREVIEW_SALT = "samverkan.newsletter.issue-preview"
PREVIEW_SECONDS = 30 * 24 * 60 * 60


def issue_preview_url(*, issue) -> str:
    """The archive address of an issue not sent yet, with a signed token
    that shows it there for PREVIEW_SECONDS (a test send's "read in the
    browser" link must lead somewhere)."""
    token = signing.dumps(issue.pk, salt=PREVIEW_SALT)
    path = reverse("samverkan_newsletter:archive_issue", args=[issue.pk])
    return absolute(f"{path}?{urlencode({'preview': token})}")


def issue_preview_token_valid(*, issue, token: str) -> bool:
    try:
        pk = signing.loads(token, salt=PREVIEW_SALT, max_age=PREVIEW_SECONDS)
    except signing.BadSignature:
        return False
    return pk == issue.pk


def issue_in_language(*, issue, translation):
    """The issue with the translation's subject, preview text and content
    (not saved): what its readers in that language get."""
    import copy

    shown = copy.copy(issue)
    shown.subject = translation.subject
    shown.preheader = translation.preheader
    shown.body = translation.body
    return shown


def issue_render(
    *, issue, language: str = "", archive_url: str = "", translation=None
) -> RenderedIssue:
    """The issue as e-mail, with the words around the content (headings of
    the lists, footer) in `language`, else the issue's, else Swedish; in
    the `translation`'s language and words when given."""
    from cms.languages import locale_direction
    from newsletter.languages import interface_language

    if translation is not None:
        language = translation.language
        archive_url = archive_url or _archive_url(issue, language=language)
        issue = issue_in_language(issue=issue, translation=translation)
    language = language or issue.language or "sv"
    archive_url = archive_url or _archive_url(issue)
    with translation_override(interface_language(language)):
        context = {
            "issue": issue,
            "sections": issue_sections(issue=issue),
            "archive_url": archive_url,
            "unsubscribe_url": UNSUBSCRIBE,
            "preferences_url": PREFERENCES,
            "language": language,
            "direction": locale_direction(language),
        }
        source = render_to_string("samverkan_newsletter/email/issue.mjml", context)
        text = render_to_string("samverkan_newsletter/email/issue.txt", context)
    html = mrml.to_html(source).content
    html = css_inline.CSSInliner(
        keep_style_tags=True, load_remote_stylesheets=False
    ).inline(html)
    return RenderedIssue(
        subject=issue.subject,
        html=html,
        text=text.strip() + "\n",
        archive_url=archive_url,
        subscribe_url=newsletter_public_url("subscribe", region=issue.region),
    )


def _archive_url(issue, *, language: str = SOURCE_LANGUAGE) -> str:
    """The issue (its translation into `language`) in its region's public
    archive (the archive itself for an issue not saved yet)."""
    if issue.pk is None:
        return newsletter_public_url("archive", region=issue.region)
    return archive_issue_url(issue=issue, language=language)


def issue_rendered_for_sending(*, issue, translation=None) -> RenderedIssue:
    """The frozen rendering once sending has started, a fresh one before;
    of the translation when given."""
    rendered = issue_bodies_for_sending(issue=issue, translation=translation)
    if not rendered.archive_url:  # frozen: the addresses are read now
        rendered.archive_url = _archive_url(
            issue, language=getattr(translation, "language", SOURCE_LANGUAGE)
        )
        rendered.subscribe_url = newsletter_public_url("subscribe", region=issue.region)
    return rendered


def issue_bodies_for_sending(*, issue, translation=None) -> RenderedIssue:
    """What a message is made of: subject, HTML and text, frozen once
    sending started. Unlike issue_rendered_for_sending it leaves the archive
    and subscribe addresses empty, which a message does not use and which
    cost a chunk of 200 messages several queries (profiled on 4 December)."""
    frozen = translation if translation is not None else issue
    if frozen.html_frozen:
        return RenderedIssue(
            subject=frozen.subject,
            html=frozen.html_frozen,
            text=frozen.text_frozen,
            archive_url="",
        )
    return issue_render(issue=issue, translation=translation)
