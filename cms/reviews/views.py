"""The one-click review page behind the digest's signed link. GET shows the
entries and changes nothing (mail scanners follow links); the buttons POST."""

import datetime

from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from cms.reviews import actions
from cms.reviews.selectors import digest_pages, intervention_missing_required
from cms.reviews.services import intervention_snooze
from cms.reviews.tokens import BadLink, digest_from_token

TEMPLATE = "samverkan_cms/reviews/link.html"


def _entries(pages):
    return [
        {"page": page, "missing": intervention_missing_required(page)} for page in pages
    ]


@never_cache
@csrf_exempt  # the signed token is the credential; no session is involved
@require_http_methods(["GET", "POST"])
def review_link(request, token):
    try:
        digest = digest_from_token(token)
    except BadLink:
        return render(request, "samverkan_cms/reviews/link_invalid.html", status=403)
    person = digest.recipient
    pages = digest_pages(digest=digest)
    context = {"person": person, "entries": _entries(pages), "token": token}
    if request.method == "GET":
        return render(request, TEMPLATE, context)

    action = request.POST.get("action", "")
    by_id = {str(page.pk): page for page in pages}
    page = by_id.get(request.POST.get("item", ""))
    note = request.POST.get("note", "").strip()[:2000]
    messages, errors = [], []
    if action == "confirm_all" or (action == "confirm" and page is not None):
        confirmed, refused = actions.link_confirm(
            person=person, pages=pages if action == "confirm_all" else [page]
        )
        if confirmed:
            messages.append(
                ngettext(
                    "Thank you: %(count)d entry confirmed as still correct.",
                    "Thank you: %(count)d entries confirmed as still correct.",
                    len(confirmed),
                )
                % {"count": len(confirmed)}
            )
        for refused_page, missing in refused:
            errors.append(
                _("%(title)s cannot be confirmed: %(missing)s is missing.")
                % {"title": refused_page.title, "missing": ", ".join(missing)}
            )
    elif action == "needs_changes" and page is not None:
        target = actions.link_needs_changes(person=person, page=page, note=note)
        if target:
            return HttpResponseRedirect(target)
        messages.append(_("Thank you: the coordinator has been told."))
    elif action == "not_mine" and page is not None:
        actions.link_not_mine(person=person, page=page, note=note)
        messages.append(_("Thank you: the entry has been handed to the coordinator."))
    elif action == "snooze" and page is not None:
        try:
            until = datetime.date.fromisoformat(request.POST.get("until", ""))
            intervention_snooze(page=page, until=until, reason=note, person=person)
            messages.append(
                _("The review is put off until %(date)s.") % {"date": until}
            )
        except ValueError:
            errors.append(_("Give the date as YYYY-MM-DD."))
        except ValidationError as error:
            errors.extend(error.messages)
    else:
        return render(
            request, TEMPLATE, {**context, "errors": [_("Unknown action.")]}, status=400
        )
    pages = digest_pages(digest=digest)
    status = 200 if not errors else 400
    return render(
        request,
        TEMPLATE,
        {**context, "entries": _entries(pages), "messages": messages, "errors": errors},
        status=status,
    )
