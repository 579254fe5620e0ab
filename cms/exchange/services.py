"""Writes of köp, byt och sälj: record a seek and an agreement, validated
by the models' rules (cms/models/exchange.py), logged in Wagtail's history."""

import datetime
from decimal import Decimal

from django.db import transaction

from wagtail.log_actions import log

from cms.models import (
    AgreementTerms,
    ExchangeAgreement,
    InterventionPage,
    OrganisationPage,
    PlaceSeek,
    SeekStatus,
)


@transaction.atomic
def seek_record(
    *,
    organisation: OrganisationPage,
    title: str,
    period_start: datetime.date,
    period_end: datetime.date,
    user=None,
    status: str = SeekStatus.OPEN,
    **fields,
) -> PlaceSeek:
    """Record what an organisation seeks (published unless `status` says
    otherwise); `fields` are the seek's other fields."""
    seek = PlaceSeek(
        organisation=organisation,
        title=title,
        period_start=period_start,
        period_end=period_end,
        status=status,
        **fields,
    )
    seek.full_clean()
    seek.save()
    log(instance=seek, action="wagtail.create", user=user)
    return seek


@transaction.atomic
def agreement_record(
    *,
    intervention: InterventionPage,
    taker: OrganisationPage,
    places: int,
    period_start: datetime.date,
    period_end: datetime.date,
    terms: str = AgreementTerms.BUY,
    price_per_participant: Decimal | None = None,
    seek: PlaceSeek | None = None,
    note: str = "",
    user=None,
) -> ExchangeAgreement:
    """Record that `taker` takes `places` in `intervention` for a period.
    Raises ValidationError when the offer does not allow it (terms, places
    left, period). The intervention's row is locked while the places left
    are counted, so two agreements recorded at once cannot both take the
    last places."""
    InterventionPage.objects.select_for_update(of=("self",)).filter(
        pk=intervention.pk
    ).first()
    agreement = ExchangeAgreement(
        intervention=intervention,
        taker=taker,
        places=places,
        period_start=period_start,
        period_end=period_end,
        terms=terms,
        price_per_participant=price_per_participant,
        seek=seek,
        note=note,
        created_by=user,
    )
    agreement.full_clean()
    agreement.save()
    log(instance=agreement, action="wagtail.create", user=user)
    return agreement
