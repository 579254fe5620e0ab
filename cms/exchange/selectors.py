"""Reads of köp, byt och sälj: who sees which seeks and agreements, which
offers match a seek, and the agreements of a period (for the quarterly
report)."""

import datetime

from django.db.models import Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from cms.models import (
    EstablishmentProgramme,
    ExchangeAgreement,
    ExchangeTerms,
    InterventionPage,
    InterventionStatus,
    OrganisationPage,
    PlaceSeek,
    RegionPage,
    SeekStatus,
)
from cms.scoping.permissions import change_paths_of, editable_pages_q
from cms.selectors import PROGRAMME_IN, PROGRAMME_OUT, interventions_filtered

REGION_PATH = 2 * RegionPage.steplen  # the root, then the region


def regions_of_user(*, user) -> QuerySet[RegionPage]:
    """The regions in which the user edits anything: their organisation's
    region for an editor, the region for its central administrators."""
    if user.is_superuser:
        return RegionPage.objects.all()
    paths = {path[:REGION_PATH] for path in change_paths_of(user)}
    return RegionPage.objects.filter(path__in=paths)


def _in_regions(queryset, *, user, field: str = ""):
    prefix = f"{field}__" if field else ""
    match = Q(pk__in=[])
    for path in regions_of_user(user=user).values_list("path", flat=True):
        match |= Q(**{f"{prefix}path__startswith": path})
    return queryset.filter(match)


def seeks_editable_by(*, user) -> QuerySet[PlaceSeek]:
    """Seeks of the organisations the user may edit (drafts included)."""
    return PlaceSeek.objects.filter(
        editable_pages_q(user, field="organisation")
    ).select_related("organisation", "category")


def seeks_published_to(*, user) -> QuerySet[PlaceSeek]:
    """Published seeks of the other organisations of the user's regions:
    what the offering side sees. Drafts and closed seeks never appear."""
    others = PlaceSeek.objects.filter(
        status=SeekStatus.OPEN, organisation__live=True
    ).exclude(pk__in=seeks_editable_by(user=user).values("pk"))
    return (
        _in_regions(others, user=user, field="organisation")
        .select_related("organisation", "category", "contact_person")
        .order_by("period_start", "title")
    )


def agreements_visible_to(*, user) -> QuerySet[ExchangeAgreement]:
    """Agreements in which the user's organisation is a party (provider or
    taker); every agreement of the region for its central administrators."""
    return ExchangeAgreement.objects.filter(
        editable_pages_q(user, field="provider") | editable_pages_q(user, field="taker")
    ).select_related("intervention", "provider", "taker")


def offers_open_to(*, user) -> QuerySet[InterventionPage]:
    """Published interventions of the user's regions that are open to other
    organisations: what an agreement can be about."""
    offers = (
        InterventionPage.objects.live()
        .exclude(exchange_terms=ExchangeTerms.NONE)
        .exclude(status=InterventionStatus.ENDED)
    )
    return _in_regions(offers, user=user).order_by("title")


def organisations_in_regions_of(*, user) -> QuerySet[OrganisationPage]:
    """Published organisations of the user's regions (who can take places)."""
    return _in_regions(OrganisationPage.objects.live(), user=user).order_by("title")


def _places_agreed(*, start: datetime.date, end: datetime.date):
    """Places of an intervention's agreements overlapping a period, as a
    subquery on InterventionPage."""
    agreed = (
        ExchangeAgreement.objects.filter(
            intervention=OuterRef("pk"), period_start__lte=end, period_end__gte=start
        )
        .order_by()
        .values("intervention")
        .annotate(total=Sum("places"))
        .values("total")
    )
    return Coalesce(Subquery(agreed, output_field=IntegerField()), 0)


def offers_matching(*, seek: PlaceSeek) -> QuerySet[InterventionPage]:
    """Published interventions of other organisations of the seek's region
    that match it: open to the terms sought (buy and swap include
    buy_or_swap, as the API's filter), of its category, for its ages and
    programme, running in its period, at most its highest price when
    bought, with places left for others in the period, and (when the seek
    says so) already serving the seeking municipality. Those that serve it
    come first; each carries `serves_seeker` and `places_left` (None when
    the intervention does not say how many places it has for others)."""
    seeker = seek.organisation
    region_path = seeker.path[:REGION_PATH]
    offers = (
        InterventionPage.objects.live()
        .public()
        .filter(path__startswith=region_path)
        .exclude(path__startswith=seeker.path)
        .exclude(status=InterventionStatus.ENDED)
    )
    exchange = {
        ExchangeTerms.BUY: [ExchangeTerms.BUY],
        ExchangeTerms.SWAP: [ExchangeTerms.SWAP],
    }.get(seek.terms, [ExchangeTerms.BUY, ExchangeTerms.SWAP])
    programme = {
        EstablishmentProgramme.PARTICIPANTS: PROGRAMME_IN,
        EstablishmentProgramme.NON_PARTICIPANTS: PROGRAMME_OUT,
    }.get(seek.establishment_programme, "")
    offers = interventions_filtered(
        offers,
        exchange=exchange,
        categories=[seek.category.slug] if seek.category_id else (),
        programme=programme,
    )
    if seek.establishment_programme == EstablishmentProgramme.BOTH:
        offers = offers.filter(establishment_programme=EstablishmentProgramme.BOTH)
    # Age ranges overlap (an open end overlaps everything).
    if seek.max_age is not None:
        offers = offers.filter(Q(min_age__isnull=True) | Q(min_age__lte=seek.max_age))
    if seek.min_age is not None:
        offers = offers.filter(Q(max_age__isnull=True) | Q(max_age__gte=seek.min_age))
    # Running in the period.
    offers = offers.filter(
        Q(start_date__isnull=True) | Q(start_date__lte=seek.period_end),
        Q(end_date__isnull=True) | Q(end_date__gte=seek.period_start),
    )
    if seek.max_price is not None:
        # Too dear to buy: out, unless the seek also takes a swap it offers.
        dear_buy = Q(price_per_participant__gt=seek.max_price) & Q(
            exchange_terms=ExchangeTerms.BUY
        )
        if seek.terms == ExchangeTerms.BUY:
            dear_buy |= Q(price_per_participant__gt=seek.max_price)
        offers = offers.exclude(dear_buy)
    serving = InterventionPage.service_area.through.objects.filter(
        interventionpage_id=OuterRef("pk"), organisationpage_id=seeker.pk
    )
    offers = offers.annotate(
        serves_seeker=Exists(serving),
        places_agreed=_places_agreed(start=seek.period_start, end=seek.period_end),
    )
    if seek.only_serving:
        offers = offers.filter(serves_seeker=True)
    offers = offers.exclude(places_for_others=0).exclude(
        places_for_others__isnull=False,
        places_for_others__lte=_places_agreed(
            start=seek.period_start, end=seek.period_end
        ),
    )
    return offers.select_related("category").order_by("-serves_seeker", "title")


def offer_places_left(offer) -> int | None:
    """Places for others still free in the matched period (see
    offers_matching), or None when the intervention does not say."""
    if offer.places_for_others is None:
        return None
    return max(0, offer.places_for_others - offer.places_agreed)


def agreements_overlapping(
    *, start: datetime.date, end: datetime.date, region: RegionPage | None = None
) -> QuerySet[ExchangeAgreement]:
    """Agreements whose period overlaps start..end (both included)."""
    agreements = ExchangeAgreement.objects.filter(
        period_start__lte=end, period_end__gte=start
    )
    if region is not None:
        agreements = agreements.filter(intervention__path__startswith=region.path)
    return agreements


def owners_of(*, pages) -> dict[int, str]:
    """The owning organisation's title of each page, by page id, in one
    query."""
    steplen = RegionPage.steplen
    titles = dict(
        OrganisationPage.objects.filter(
            path__in={page.path[:-steplen] for page in pages}
        ).values_list("path", "title")
    )
    return {page.pk: titles.get(page.path[:-steplen], "") for page in pages}
