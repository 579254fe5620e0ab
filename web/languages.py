"""The content language of a public request: chosen by the path alone
(`/ar/insatser/` Arabic, `/insatser/` Swedish), never by the browser's
Accept-Language or a cookie, so one address always shows one language and
the page cache (keyed by the path) never mixes them."""

from django.conf import settings
from django.utils import translation

from cms.languages import is_content_language, locale_direction, native_name


class ContentLanguageMiddleware:
    """Activates the language of the path's prefix, else Swedish, for every
    request (a thread keeps the active language between requests, so each
    request sets its own); public answers in another language say so in
    Content-Language. Place before the page cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = path_language(request.path_info)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if language != settings.LANGUAGE_CODE:
            if response.status_code == 404 and request.method in ("GET", "HEAD"):
                return swedish_page_redirect(request, language) or response
            response.headers.setdefault("Content-Language", language)
        return response


def swedish_page_redirect(request, language: str):
    """A page path in another language that has no page there: a 302 to the
    Swedish page at the same path when the public may see it, else None."""
    from django.http import Http404, HttpResponseRedirect

    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        return None
    rest = request.path_info[len(language) + 1 :]
    components = [part for part in rest.split("/") if part]
    with translation.override(settings.LANGUAGE_CODE):
        try:
            page, _args, _kwargs = site.root_page.specific.route(request, components)
        except Http404:
            return None
        if not page.live or page.get_view_restrictions().exists():
            return None
        url = page.get_url(request)
    return HttpResponseRedirect(url) if url else None


def path_language(path: str) -> str:
    """The content language named by the path's first segment, else the
    default (Swedish)."""
    first = path.lstrip("/").split("/", 1)[0]
    if first != settings.LANGUAGE_CODE and is_content_language(first):
        return first
    return settings.LANGUAGE_CODE


def language_choice(code: str, url: str, *, current: bool) -> dict:
    """One entry of a language switcher or of the hreflang alternates."""
    return {
        "code": code,
        "name": native_name(code),
        "dir": locale_direction(code),
        "url": url,
        "current": current,
    }
