"""Köp, byt och sälj: what a municipality seeks ("söker platser") and the
agreements by which one organisation takes places in another's
intervention. Offers are the interventions themselves (their exchange
terms, price per participant and places for others). Reads and writes
live in cms/exchange/."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cms.models.interventions import (
    EstablishmentProgramme,
    ExchangeTerms,
    age_range_errors,
)

# An agreement or a seek longer than this is taken for a typing mistake.
LONGEST_PERIOD = datetime.timedelta(days=3 * 366)
EARLIEST_YEAR = 2000


class SeekStatus(models.TextChoices):
    DRAFT = "draft", _("Draft (only your organisation sees it)")
    OPEN = "open", _("Published (other organisations see it)")
    CLOSED = "closed", _("Closed")


class SeekTerms(models.TextChoices):
    BUY = ExchangeTerms.BUY.value, _("Buy places")
    SWAP = ExchangeTerms.SWAP.value, _("Swap places")
    BUY_OR_SWAP = ExchangeTerms.BUY_OR_SWAP.value, _("Buy or swap places")


class AgreementTerms(models.TextChoices):
    BUY = ExchangeTerms.BUY.value, _("Bought places")
    SWAP = ExchangeTerms.SWAP.value, _("Swapped places")


def period_errors(start, end, *, end_field: str = "period_end") -> dict:
    """The errors of a period (from `start` to `end`, both included)."""
    if start is None or end is None:
        return {}
    if end < start:
        return {end_field: _("The period cannot end before it starts.")}
    if start.year < EARLIEST_YEAR:
        return {"period_start": _("Give a date in this century.")}
    if end - start > LONGEST_PERIOD:
        return {end_field: _("The period can be at most three years long.")}
    return {}


class PlaceSeek(models.Model):
    """Places an organisation seeks in other organisations' interventions,
    for a target group and a period. While a draft only the organisation's
    own editors see it; published, the region's editors see it and the
    seeking editors see the offers that match it."""

    organisation = models.ForeignKey(
        "samverkan_cms.OrganisationPage",
        verbose_name=_("seeking organisation"),
        on_delete=models.PROTECT,
        related_name="place_seeks",
    )
    title = models.CharField(
        _("what you seek"),
        max_length=200,
        help_text=_("E.g. 'Places in vocational SFI for ten participants'."),
    )
    category = models.ForeignKey(
        "samverkan_cms.InterventionCategory",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="place_seeks",
        help_text=_("Leave empty to see offers of every category."),
    )
    target_group = models.TextField(
        _("target group"),
        blank=True,
        help_text=_("Who the places are for, in a sentence or two."),
    )
    min_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    max_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    establishment_programme = models.CharField(
        _("establishment programme"),
        max_length=20,
        choices=EstablishmentProgramme.choices,
        default=EstablishmentProgramme.BOTH,
        help_text=_(
            "Whether the participants are in the establishment programme; "
            "'Both' finds offers open to both."
        ),
    )
    places = models.PositiveIntegerField(
        _("places sought"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    terms = models.CharField(
        _("terms"),
        max_length=20,
        choices=SeekTerms.choices,
        default=SeekTerms.BUY_OR_SWAP,
    )
    max_price = models.DecimalField(
        _("highest price per participant (SEK)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Offers to buy at a higher price are not shown."),
    )
    only_serving = models.BooleanField(
        _("only interventions that already serve us"),
        default=False,
        help_text=_(
            "Show only offers that list your municipality among the "
            "municipalities served."
        ),
    )
    contact_person = models.ForeignKey(
        "samverkan_cms.Person",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="place_seeks",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SeekStatus.choices,
        default=SeekStatus.DRAFT,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("place seek")
        verbose_name_plural = _("place seeks")
        ordering = ["-period_start", "title"]

    def __str__(self):
        # Neutral: Wagtail's site history shows this label to every editor
        # who may use seeks at all, and a draft's title is its own business.
        return gettext("Seek %(number)s") % {"number": self.pk}

    @property
    def display_title(self) -> str:
        return f"{self.title} ({self.organisation.title})"

    def clean(self):
        super().clean()
        errors = {
            **period_errors(self.period_start, self.period_end),
            **age_range_errors(self.min_age, self.max_age),
        }
        if errors:
            raise ValidationError(errors)


class ExchangeAgreement(models.Model):
    """An organisation (the taker) takes places in another organisation's
    intervention (the provider's offer) for a period, bought at a price or
    swapped. Both parties' editors and the region's central administrators
    see it; nobody else does."""

    intervention = models.ForeignKey(
        "samverkan_cms.InterventionPage",
        verbose_name=_("intervention"),
        on_delete=models.PROTECT,
        related_name="exchange_agreements",
    )
    provider = models.ForeignKey(
        "samverkan_cms.OrganisationPage",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="agreements_provided",
        editable=False,
        help_text=_("The organisation that owns the intervention."),
    )
    taker = models.ForeignKey(
        "samverkan_cms.OrganisationPage",
        verbose_name=_("organisation taking the places"),
        on_delete=models.PROTECT,
        related_name="agreements_taken",
    )
    seek = models.ForeignKey(
        PlaceSeek,
        verbose_name=_("answers the seek"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreements",
    )
    terms = models.CharField(
        _("terms"),
        max_length=20,
        choices=AgreementTerms.choices,
        default=AgreementTerms.BUY,
    )
    places = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    price_per_participant = models.DecimalField(
        _("price per participant (SEK)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leave empty to take the intervention's price."),
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("exchange agreement")
        verbose_name_plural = _("exchange agreements")
        ordering = ["-period_start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(places__gte=1),
                name="samverkan_agreement_places_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="samverkan_agreement_period_ordered",
            ),
        ]

    def __str__(self):
        # Neutral, as PlaceSeek's: who agreed with whom is the parties'.
        return gettext("Agreement %(number)s") % {"number": self.pk}

    def save(self, *args, **kwargs):
        # The provider is the intervention's owner (its parent page), and a
        # purchase without a price of its own takes the intervention's.
        self.provider_id = self.intervention.get_parent().pk
        if self.price_per_participant is None and self.terms == AgreementTerms.BUY:
            self.price_per_participant = self.intervention.price_per_participant
        super().save(*args, **kwargs)

    @property
    def total_price(self):
        if self.price_per_participant is None:
            return None
        return self.price_per_participant * self.places

    def clean(self):
        super().clean()
        errors = period_errors(self.period_start, self.period_end)
        if self.intervention_id is not None:
            errors.update(self._offer_errors())
        if self.seek_id is not None and self.seek.organisation_id != self.taker_id:
            errors["seek"] = _("The seek is of another organisation than the taker.")
        if errors:
            raise ValidationError(errors)

    def _offer_errors(self) -> dict:
        """What the intervention's offer allows: its terms, another taker
        than its owner, and no more places than it has for others."""
        offer = self.intervention
        allowed = {
            AgreementTerms.BUY: (ExchangeTerms.BUY, ExchangeTerms.BUY_OR_SWAP),
            AgreementTerms.SWAP: (ExchangeTerms.SWAP, ExchangeTerms.BUY_OR_SWAP),
        }
        errors = {}
        if not offer.live:
            errors["intervention"] = _(
                "Only a published intervention can be agreed on."
            )
        elif offer.exchange_terms not in allowed.get(self.terms, ()):
            errors["terms"] = _("The intervention is not open to these terms.")
        region_steps = 2 * offer.steplen  # the root, then the region
        if self.taker_id is not None and offer.path.startswith(self.taker.path):
            errors["taker"] = _(
                "The organisation that owns the intervention cannot take places in it."
            )
        elif (
            self.taker_id is not None
            and self.taker.path[:region_steps] != offer.path[:region_steps]
        ):
            errors["taker"] = _(
                "Only an organisation of the intervention's region can take places."
            )
        if (
            self.terms == AgreementTerms.BUY
            and self.price_per_participant is None
            and offer.price_per_participant is None
        ):
            errors["price_per_participant"] = _(
                "Give the price per participant of bought places."
            )
        if (
            offer.places_for_others is not None
            and self.places
            and self.period_start
            and self.period_end
            and not errors
        ):
            taken = self.places_taken_alongside()
            if taken + self.places > offer.places_for_others:
                errors["places"] = _(
                    "Only %(left)s of the %(offered)s places for other "
                    "organisations are left in this period."
                ) % {
                    "left": max(0, offer.places_for_others - taken),
                    "offered": offer.places_for_others,
                }
        return errors

    def places_taken_alongside(self) -> int:
        """Places of the intervention's other agreements whose period
        overlaps this one's."""
        others = ExchangeAgreement.objects.filter(
            intervention_id=self.intervention_id,
            period_start__lte=self.period_end,
            period_end__gte=self.period_start,
        ).exclude(pk=self.pk)
        return others.aggregate(total=models.Sum("places"))["total"] or 0
