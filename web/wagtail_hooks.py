"""Wagtail hooks of the public site: registration only."""

from wagtail import hooks

from web.caching import external_redirect


@hooks.register("before_serve_page", order=100)
def remember_page_or_send_on(page, request, serve_args, serve_kwargs):
    """The page cache stores only pages this hook saw (it runs after
    Wagtail's view-restriction check, whose answers are never stored); a
    page of a region with its own front end answers 301 there."""
    request._samverkan_page = page
    return external_redirect(page, request)
