"""Admin views of köp, byt och sälj beside the snippet views: the offers
that match one of the organisation's seeks, and what the region's other
organisations seek. Thin: the reads are cms/exchange/selectors.py."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from cms.exchange import selectors
from cms.models import AgreementTerms, ExchangeTerms


def seek_offers_view(request, pk):
    """The offers matching a seek (the viewset's guard has checked that the
    seek is the user's organisation's)."""
    seek = get_object_or_404(selectors.seeks_editable_by(user=request.user), pk=pk)
    add_url = reverse("wagtailsnippets_samverkan_cms_exchangeagreement:add")
    matching = list(selectors.offers_matching(seek=seek))
    owners = selectors.owners_of(pages=matching)
    offers = [
        {
            "page": offer,
            "organisation": owners.get(offer.pk, ""),
            "url": offer.get_url(request),
            "places_left": selectors.offer_places_left(offer),
            "record_url": add_url
            + "?"
            + urlencode({"seek": seek.pk, "intervention": offer.pk}),
        }
        for offer in matching
    ]
    return TemplateResponse(
        request,
        "samverkan_cms/exchange/offers.html",
        {
            "seek": seek,
            "offers": offers,
            "agreements": selectors.agreements_visible_to(user=request.user).filter(
                seek=seek
            ),
            "page_title": _("Matching offers"),
            "header_title": _("Matching offers: %(seek)s") % {"seek": seek.title},
            "header_icon": "search",
        },
    )


def sought_view(request):
    """Published seeks of the region's other organisations: what the
    offering side may answer."""
    if not request.user.has_perm("samverkan_cms.view_placeseek"):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "samverkan_cms/exchange/sought.html",
        {
            "seeks": selectors.seeks_published_to(user=request.user),
            "page_title": _("Sought by others"),
            "header_title": _("Sought by others"),
            "header_icon": "list-ul",
        },
    )


def agreement_initial(*, user, seek_id: str, intervention_id: str) -> dict:
    """The agreement form filled in from a seek and an offer, each only if
    the user may choose it."""
    initial = {}
    seek = (
        selectors.seeks_editable_by(user=user).filter(pk=seek_id).first()
        if seek_id.isdigit()
        else None
    )
    offer = (
        selectors.offers_open_to(user=user).filter(pk=intervention_id).first()
        if intervention_id.isdigit()
        else None
    )
    if seek is not None:
        initial.update(
            seek=seek.pk,
            taker=seek.organisation_id,
            places=seek.places,
            period_start=seek.period_start,
            period_end=seek.period_end,
        )
    if offer is not None:
        initial["intervention"] = offer.pk
        initial["terms"] = (
            AgreementTerms.SWAP
            if offer.exchange_terms == ExchangeTerms.SWAP
            or (seek is not None and seek.terms == ExchangeTerms.SWAP)
            else AgreementTerms.BUY
        )
        if initial["terms"] == AgreementTerms.BUY:
            initial["price_per_participant"] = offer.price_per_participant
    return initial
