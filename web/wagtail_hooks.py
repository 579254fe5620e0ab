"""Wagtail hooks of the public site: registration only."""

from django.http import HttpResponseRedirect
from django.utils.translation import get_language

from wagtail import hooks

from web.caching import external_redirect


@hooks.register("before_serve_page", order=100)
def remember_page_or_send_on(page, request, serve_args, serve_kwargs):
    """The page cache stores only pages this hook saw (it runs after
    Wagtail's view-restriction check, whose answers are never stored); a
    page of a region with its own front end answers 301 there."""
    request._samverkan_page = page
    return external_redirect(page, request)


@hooks.register("before_serve_page", order=90)
def show_pages_in_their_own_language(page, request, serve_args, serve_kwargs):
    """A page answers only at the address of its own language: /ar/... of a
    page that has no Arabic version, or of an Arabic alias (Swedish
    content), sends the reader to the page in Swedish (302)."""
    language = get_language()
    alias_of = page.alias_of if page.alias_of_id else None
    translated_alias = alias_of is not None and alias_of.locale_id != page.locale_id
    if page.locale.language_code == language and not translated_alias:
        return None
    target = alias_of if translated_alias else page
    url = target.get_url(request) if target is not None else None
    return HttpResponseRedirect(url) if url else None
