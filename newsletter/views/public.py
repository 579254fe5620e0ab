"""Public pages: subscribe (double opt-in), confirm, unsubscribe (GET shows,
POST acts, RFC 8058 one-click), preferences, export, erasure, archive.

Their words come in the reader's language where the newsletter ships them
(newsletter.languages.interface_language), else in Swedish: a subscriber's
pages in the subscriber's language, the subscribe page and the archive in
the language of their address (/ar/newsletter/subscribe/)."""

import functools
import json

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from cms.http.client import client_bucket, client_network
from cms.http.ratelimit import rate_limit_hit
from cms.languages import SOURCE_LANGUAGE
from newsletter.conf import newsletter_setting
from newsletter.forms import PreferencesForm, SubscribeForm
from newsletter.languages import interface_language
from newsletter.models import NewsletterIssue, Subscriber
from newsletter.rendering import (
    RenderedIssue,
    issue_preview_token_valid,
    issue_render,
)
from newsletter.scoping import newsletter_public_url, newsletter_region_for_request
from newsletter.selectors import issues_archived
from newsletter.services import subscribers as service
from newsletter.services import subscription_requests
from newsletter.services.archive import (
    archive_html_with_languages,
    issue_archive_links,
)


def _subscribe_rate_hit(request):
    return rate_limit_hit(
        limit_name="subscribe",
        bucket=client_bucket(request),
        limit=newsletter_setting("SUBSCRIBE_RATE"),
        window_seconds=newsletter_setting("SUBSCRIBE_RATE_WINDOW_SECONDS"),
    )


def _in_language(language: str):
    """The newsletter's words in `language` where it ships them."""
    return translation.override(interface_language(language or SOURCE_LANGUAGE))


def _in_page_language(view):
    """The view's words in the language of the address's prefix."""

    @functools.wraps(view)
    def in_language(request, *args, **kwargs):
        with _in_language(translation.get_language()):
            return view(request, *args, **kwargs)

    return in_language


def _consent_ip(request) -> str | None:
    """The address recorded with the consent: the client's IPv4 address;
    None for IPv6 (only its /64 is known here) or an unknown one."""
    address = client_network(request)
    return None if "/" in address or address == "unknown" else address


@never_cache
@require_http_methods(["GET", "POST"])
@_in_page_language
def subscribe(request):
    template = "samverkan_newsletter/public/subscribe.html"
    region = _region(request)
    if request.method == "GET":
        # The language of the page is the first guess of the reader's.
        form = SubscribeForm(
            region=region, initial={"language": getattr(request, "LANGUAGE_CODE", "")}
        )
        return render(request, template, _region_context(request, region, form))
    decision = _subscribe_rate_hit(request)
    if not decision.allowed:
        response = render(
            request,
            template,
            {
                **_region_context(request, region, SubscribeForm(region=region)),
                "throttled": True,
            },
            status=429,
        )
        response["Retry-After"] = str(decision.reset_in)
        return response
    form = SubscribeForm(request.POST, region=region)
    if not form.is_valid():
        return render(
            request, template, _region_context(request, region, form), status=400
        )
    data = form.cleaned_data
    subscription_requests.subscriber_subscribe_queue(
        region=region,
        email=data["email"],
        name=data["name"],
        organisation=data["organisation"],
        language=data["language"],
        audiences=list(data["audiences"]),
        ip=_consent_ip(request),
    )
    # The same answer whether the address was new, pending or subscribed.
    return render(request, "samverkan_newsletter/public/check_inbox.html")


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscriber = service.subscriber_from_confirm_token(token=token)
    if subscriber is None:
        return render(
            request, "samverkan_newsletter/public/link_invalid.html", status=404
        )
    with _in_language(subscriber.language):
        if request.method == "POST":
            service.subscriber_confirm(subscriber=subscriber)
            return render(
                request,
                "samverkan_newsletter/public/confirmed.html",
                {"links": service.subscriber_links(subscriber=subscriber)},
            )
        # GET only shows a button: link scanners must not confirm for anyone.
        return render(
            request,
            "samverkan_newsletter/public/confirm.html",
            {"subscriber": subscriber},
        )


def _region(request):
    """The region whose newsletter this site offers (404 when none)."""
    region = newsletter_region_for_request(request)
    if region is None:
        raise Http404
    return region


def _subscriber(token) -> Subscriber:
    return get_object_or_404(Subscriber, token=token)


@csrf_exempt  # RFC 8058: mail providers POST without a session or token
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    return _ask_then_act(
        request, _subscriber(token), service.subscriber_unsubscribe, "unsubscribe"
    )


@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request, token):
    subscriber = _subscriber(token)
    saved = False
    if request.method == "POST":
        form = PreferencesForm(request.POST, region=subscriber.region)
        if form.is_valid():
            service.subscriber_update_preferences(
                subscriber=subscriber,
                name=form.cleaned_data["name"],
                language=form.cleaned_data["language"],
                audiences=list(form.cleaned_data["audiences"]),
            )
            saved = True
    else:
        form = PreferencesForm(
            region=subscriber.region,
            initial={
                "name": subscriber.name,
                "language": subscriber.language,
                "audiences": subscriber.audiences.all(),
            },
        )
    with _in_language(subscriber.language):  # the one just chosen too
        return render(
            request,
            "samverkan_newsletter/public/preferences.html",
            {"form": form, "subscriber": subscriber, "saved": saved},
        )


@never_cache
def export(request, token):
    subscriber = _subscriber(token)
    response = HttpResponse(
        json.dumps(service.subscriber_export(subscriber=subscriber), indent=2),
        content_type="application/json",
    )
    response["Content-Disposition"] = 'attachment; filename="newsletter-data.json"'
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def erase(request, token):
    return _ask_then_act(request, _subscriber(token), service.subscriber_erase, "erase")


def _ask_then_act(request, subscriber, act, name: str):
    """GET asks (template `name`), POST acts and says it is done (`name`
    + "d"), in the subscriber's language (known before an erasure)."""
    with _in_language(subscriber.language):
        if request.method == "POST":
            act(subscriber=subscriber)
            return render(request, f"samverkan_newsletter/public/{name}d.html")
        return render(
            request,
            f"samverkan_newsletter/public/{name}.html",
            {"subscriber": subscriber},
        )


def _region_context(request, region, form=None) -> dict:
    return {
        "form": form,
        "region": region,
        # The links stay with the region the address named.
        "region_query": f"?region={region.slug}" if "region" in request.GET else "",
    }


@_in_page_language
def archive(request):
    region = _region(request)
    return render(
        request,
        "samverkan_newsletter/public/archive.html",
        {**_region_context(request, region), "issues": issues_archived(region=region)},
    )


def archive_issue(request, pk):
    """An issue that went out, in the language of the address (its
    translation under /<lang>/, the Swedish issue without a prefix), with a
    switcher to the other languages it went out in. An address in a
    language the issue has no translation in leads to the Swedish issue."""
    language = SOURCE_LANGUAGE
    if request.resolver_match.namespace == "samverkan_newsletter_archive":
        language = translation.get_language() or SOURCE_LANGUAGE  # the prefix's
    issue = issues_archived(region=_region(request)).filter(pk=pk).first()
    if language != SOURCE_LANGUAGE:
        shown = issue and issue.translations.filter(language=language).first()
        if not (issue and issue.html_frozen and shown and shown.html_frozen):
            with translation.override(SOURCE_LANGUAGE):
                path = reverse("samverkan_newsletter:archive_issue", args=[pk])
            query = request.META.get("QUERY_STRING", "")
            return redirect(path + (f"?{query}" if query else ""))
    elif issue is None or not issue.html_frozen:
        return _issue_preview(request, pk)
    else:
        shown = issue
    rendered = RenderedIssue(
        subject=shown.subject,
        html=shown.html_frozen,
        text=shown.text_frozen,
        archive_url="",
        subscribe_url=newsletter_public_url("subscribe", region=issue.region),
    )
    links = issue_archive_links(issue=issue, current=language)
    return HttpResponse(
        archive_html_with_languages(
            rendered.html_for_archive(), links=links, language=language
        )
    )


@never_cache
def _issue_preview(request, pk):
    """An issue not sent yet, for the holder of its preview token (the
    "read in the browser" link of a test send)."""
    issue = get_object_or_404(NewsletterIssue, pk=pk)
    if not issue_preview_token_valid(issue=issue, token=request.GET.get("preview", "")):
        raise Http404
    rendered = issue_render(issue=issue, archive_url=request.build_absolute_uri())
    response = HttpResponse(rendered.html_for_archive())
    response["X-Robots-Tag"] = "noindex"
    return response
