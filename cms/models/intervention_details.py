"""The parts of an intervention edited inline on its page: where it takes
place, its weekly opening times and its closures (HSDS locations and
schedules)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.api import APIField
from wagtail.models import Orderable


class Weekday(models.IntegerChoices):
    MONDAY = 1, _("Monday")
    TUESDAY = 2, _("Tuesday")
    WEDNESDAY = 3, _("Wednesday")
    THURSDAY = 4, _("Thursday")
    FRIDAY = 5, _("Friday")
    SATURDAY = 6, _("Saturday")
    SUNDAY = 7, _("Sunday")


class InterventionLocation(Orderable):
    """Where the intervention takes place (HSDS location and address)."""

    page = ParentalKey(
        "samverkan_cms.InterventionPage",
        on_delete=models.CASCADE,
        related_name="locations",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    street_address = models.CharField(_("street address"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    api_fields = [
        APIField(name)
        for name in (
            "name",
            "street_address",
            "postal_code",
            "city",
            "latitude",
            "longitude",
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self):
        return ", ".join(
            part for part in (self.name, self.street_address, self.city) if part
        )

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(
                {"longitude": _("Give both latitude and longitude, or neither.")}
            )


class InterventionOpeningTime(Orderable):
    """A recurring weekly opening time (HSDS schedule, weekly)."""

    page = ParentalKey(
        "samverkan_cms.InterventionPage",
        on_delete=models.CASCADE,
        related_name="opening_times",
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))
    note = models.CharField(_("note"), max_length=100, blank=True)

    api_fields = [APIField(name) for name in ("weekday", "opens", "closes", "note")]

    class Meta(Orderable.Meta):
        verbose_name = _("opening time")
        verbose_name_plural = _("opening times")

    def clean(self):
        super().clean()
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError(
                {"closes": _("Closing time must be after opening time.")}
            )


def opening_times_shown(times) -> list:
    """The opening times every output shows: those the form would accept
    (one of the seven weekdays, closing after opening). Others, stored by a
    data migration, an import or a script, are left out rather than fail."""
    return [
        time
        for time in times
        if time.weekday in Weekday.values
        and time.opens is not None
        and time.closes is not None
        and time.closes > time.opens
    ]


class InterventionClosure(Orderable):
    """A closure such as "closed in July"; may recur every year."""

    page = ParentalKey(
        "samverkan_cms.InterventionPage",
        on_delete=models.CASCADE,
        related_name="closures",
    )
    start_date = models.DateField(_("closed from"))
    end_date = models.DateField(_("closed until"))
    recurs_yearly = models.BooleanField(_("every year"), default=False)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("closure")
        verbose_name_plural = _("closures")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("A closure cannot end before it starts.")}
            )
