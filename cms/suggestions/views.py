"""The public suggestion form of the intervention bank (/forslag/).

No login. Spam is kept out three ways:

- a honeypot: a field named "website" that people never see (hidden with
  CSS) but form-filling bots fill in;
- a minimum fill time: the form carries a signed timestamp
  (django.core.signing); a form sent back within MIN_FILL_SECONDS, or with a
  timestamp that is missing, tampered with or older than MAX_FORM_AGE, is
  spam;
- a rate limit of RATE_LIMIT suggestions per client address and hour
  (cms.http.ratelimit, the project's one limiter).

Spam gets the same redirect to the thank-you page as a real suggestion, so a
bot learns nothing; nothing is saved. Over the rate limit the answer is
HTTP 429.

The client address is the project's one `client_ip` (cms.http.client):
behind SAMVERKAN_TRUSTED_PROXY_COUNT trusted reverse proxies the address
they saw, so behind the documented proxy visitors do not share one limit,
and a forged X-Forwarded-For does not escape it. IPv6 clients are counted
by /64 network.
"""

import logging
import time

from django import forms
from django.core import signing
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cms.http.client import client_bucket
from cms.http.ratelimit import rate_limit_hit, rate_limit_refund
from cms.models import OrganisationPage
from cms.suggestions.services import suggestion_create, suggestion_organisations

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "website"
TOKEN_FIELD = "started"
TOKEN_SALT = "samverkan.cms.suggestion-form"
MIN_FILL_SECONDS = 3
MAX_FORM_AGE = 24 * 60 * 60
RATE_LIMIT = 5
RATE_WINDOW = 60 * 60

FORM_TEMPLATE = "samverkan_cms/suggestions/form.html"
THANKS_TEMPLATE = "samverkan_cms/suggestions/thanks.html"


def form_token(*, now: float | None = None) -> str:
    """A signed record of when the form was handed out."""
    return signing.dumps(time.time() if now is None else now, salt=TOKEN_SALT)


def form_is_spam(data) -> bool:
    if data.get(HONEYPOT_FIELD, "").strip():
        return True
    try:
        started = float(
            signing.loads(
                data.get(TOKEN_FIELD, ""), salt=TOKEN_SALT, max_age=MAX_FORM_AGE
            )
        )
    except (signing.BadSignature, TypeError, ValueError):
        # BadSignature covers tampering and SignatureExpired.
        return True
    elapsed = time.time() - started
    return not MIN_FILL_SECONDS <= elapsed <= MAX_FORM_AGE


def _rate_limit_hit(request):
    """Count a submission from the request's client."""
    return rate_limit_hit(
        limit_name="suggestion",
        bucket=client_bucket(request),
        limit=RATE_LIMIT,
        window_seconds=RATE_WINDOW,
    )


def _rate_limit_refund(request) -> None:
    """Give back a submission that saved nothing because the person has to
    correct the form."""
    rate_limit_refund(
        limit_name="suggestion",
        bucket=client_bucket(request),
        window_seconds=RATE_WINDOW,
    )


class OrganisationChoiceField(forms.ChoiceField):
    """The organisations, grouped by region, cleaned to an OrganisationPage
    among those offered. The form fills in the choices when it is made."""

    def offer(self, groups) -> None:
        self.choices = [
            ("", _("Choose an organisation")),
            *[
                (region.title, [(org.pk, org.title) for org in orgs])
                for region, orgs in groups
            ],
        ]

    def clean(self, value):
        value = super().clean(value)  # one of the choices, or empty
        if value in self.empty_values:
            return None
        return OrganisationPage.objects.get(pk=int(value))


class SuggestionForm(forms.Form):
    organisation = OrganisationChoiceField(
        label=_("Organisation"),
        help_text=_(
            "The municipality or organisation that offers the intervention, or "
            "should offer it."
        ),
    )
    title = forms.CharField(label=_("Name of the intervention"), max_length=255)
    summary = forms.CharField(
        label=_("Short description"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One or two sentences: what it is. At most 300 characters."),
    )
    eligibility = forms.CharField(
        label=_("Who is it for?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example age, language or stage of the establishment."),
    )
    description = forms.CharField(
        label=_("More about the intervention (optional)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Where and when it takes place, how to take part, who runs it."),
    )
    suggested_by_name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    suggested_by_email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("So that the editors can ask you about the suggestion."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my name and e-mail address are stored with the suggestion "
            "and shown to the organisation's editors, who may contact me about it."
        ),
    )
    # Spam protection; the template renders these two apart from the rest.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["organisation"].offer(suggestion_organisations())
        self.fields[TOKEN_FIELD].initial = form_token()

    def visible_suggestion_fields(self):
        return [
            self[name]
            for name in self.fields
            if name not in (HONEYPOT_FIELD, TOKEN_FIELD, "consent")
        ]


def _render_form(request, form, *, status=200):
    return render(
        request,
        FORM_TEMPLATE,
        {"form": form, "rate_limited": status == 429},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def suggest(request):
    if request.method != "POST":
        return _render_form(request, SuggestionForm())

    decision = _rate_limit_hit(request)
    if not decision.allowed:
        response = _render_form(request, SuggestionForm(), status=429)
        response["Retry-After"] = str(decision.reset_in)
        return response
    if form_is_spam(request.POST):
        logger.info("Suggestion form: spam rejected")
        return redirect("intervention_suggest_thanks")

    form = SuggestionForm(request.POST)
    if not form.is_valid():
        _rate_limit_refund(request)
        return _render_form(request, form)
    data = form.cleaned_data
    suggestion_create(
        organisation=data["organisation"],
        title=data["title"],
        summary=data["summary"],
        description=data["description"],
        eligibility=data["eligibility"],
        suggested_by_name=data["suggested_by_name"],
        suggested_by_email=data["suggested_by_email"],
    )
    return redirect("intervention_suggest_thanks")


@never_cache
def suggest_thanks(request):
    return render(request, THANKS_TEMPLATE)
