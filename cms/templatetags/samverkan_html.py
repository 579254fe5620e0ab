"""Template filters for stored rich text and links: the API's allowlist
(cms.content.html) in every HTML page, instead of Wagtail's `|richtext`, which
passes stored HTML through as it is."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from cms.content.html import link_url, rich_text_html

register = template.Library()


@register.filter(name="clean_rich_text")
def clean_rich_text(value) -> SafeString:
    source = getattr(value, "source", value)
    return mark_safe(rich_text_html(str(source or "")))  # noqa: S308 - cleaned by nh3


@register.filter(name="link_url")
def link_url_filter(value) -> str:
    return link_url(value)
