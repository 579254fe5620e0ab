import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.content.api_fields import CategoryNameField, LanguageCodesField
from cms.content.forms import InterventionPageForm
from cms.content.panels import CompletenessPanel
from cms.content.previews import HeadlessPreviewMixin
from cms.content.widgets import SearchableCheckboxSelectMultiple
from cms.models.intervention_details import opening_times_shown
from cms.models.regions import FrontEndUrlMixin
from cms.reviews.dates import next_review_due
from cms.scoping.visibility import VisibilityPageManager

DESCRIPTION_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]


class InterventionStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    TEMPORARILY_CLOSED = "temporarily_closed", _("Temporarily closed")
    ENDED = "ended", _("Ended")


class EstablishmentProgramme(models.TextChoices):
    PARTICIPANTS = "participants", _("Only participants in the establishment programme")
    NON_PARTICIPANTS = (
        "non_participants",
        _("Only people outside the establishment programme"),
    )
    BOTH = "both", _("Both")


class DeliveryMode(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    REMOTE = "remote", _("Remote")
    MIXED = "mixed", _("Mixed")


class ExchangeTerms(models.TextChoices):
    NONE = "none", _("Not open to other municipalities")
    BUY = "buy", _("Other municipalities may buy places")
    SWAP = "swap", _("Other municipalities may swap places")
    BUY_OR_SWAP = "buy_or_swap", _("Other municipalities may buy or swap places")


def age_range_errors(min_age: int | None, max_age: int | None) -> dict:
    """The form error of an age range whose maximum is below its minimum
    (interventions and the places an organisation seeks)."""
    if min_age is not None and max_age is not None and min_age > max_age:
        return {"max_age": _("The maximum age cannot be lower than the minimum age.")}
    return {}


class InterventionPage(FrontEndUrlMixin, HeadlessPreviewMixin, Page):
    """An intervention ("insats") of the bank: a service or activity for
    newcomers, owned by an organisation and a named responsible person.

    Fields follow Open Referral HSDS 3 (service, eligibility, language,
    cost_option, schedule, service_area, assured_date)."""

    # .public() reads the restricted sections from the cache (cms.scoping.visibility).
    objects = VisibilityPageManager()

    uuid = models.UUIDField(
        _("stable id"), default=uuid.uuid4, unique=True, editable=False
    )
    external_id = models.CharField(
        _("external id"),
        max_length=100,
        null=True,
        blank=True,
        unique=True,
        help_text=_("The id in the system the entry was imported from."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("One or two plain sentences: what it is and for whom."),
    )
    description = RichTextField(
        _("description"), features=DESCRIPTION_FEATURES, blank=True
    )
    category = models.ForeignKey(
        "samverkan_cms.InterventionCategory",
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="interventions",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InterventionStatus.choices,
        default=InterventionStatus.ACTIVE,
    )

    # Target group (HSDS eligibility)
    eligibility = models.TextField(_("who can take part"), blank=True)
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
    )

    # Who provides it, where, in what language
    provider = models.ForeignKey(
        "samverkan_cms.OrganisationPage",
        verbose_name=_("provider organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="provided_interventions",
        help_text=_("Leave empty if the owning organisation provides it."),
    )
    service_area = ParentalManyToManyField(
        "samverkan_cms.OrganisationPage",
        verbose_name=_("municipalities served"),
        blank=True,
        related_name="served_by_interventions",
    )
    languages = ParentalManyToManyField(
        "samverkan_cms.Language",
        verbose_name=_("languages offered"),
        blank=True,
        related_name="interventions",
    )
    delivery_mode = models.CharField(
        _("delivery mode"),
        max_length=10,
        choices=DeliveryMode.choices,
        default=DeliveryMode.ON_SITE,
    )

    # Schedule (HSDS schedule)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    schedule_note = models.CharField(
        _("schedule note"),
        max_length=255,
        blank=True,
        help_text=_("E.g. 'Intake every other month'."),
    )

    # Capacity, application, cost and exchange terms
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    how_to_apply = models.TextField(_("how to apply"), blank=True)
    cost_description = models.CharField(
        _("cost for the participant"),
        max_length=255,
        blank=True,
        help_text=_("Usually free for the participant; say so."),
    )
    exchange_terms = models.CharField(
        _("exchange with other municipalities"),
        max_length=20,
        choices=ExchangeTerms.choices,
        default=ExchangeTerms.NONE,
    )
    price_per_participant = models.DecimalField(
        _("price per participant (SEK)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    places_for_others = models.PositiveIntegerField(
        _("places available to other municipalities"), null=True, blank=True
    )

    # Contact and owner
    contact_person = models.ForeignKey(
        "samverkan_cms.Person",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_for_interventions",
    )
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("A function mailbox is best: it outlives staff changes."),
    )
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    responsible_owner = models.ForeignKey(
        "samverkan_cms.Person",
        verbose_name=_("responsible owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_interventions",
        help_text=_("The person who keeps this entry complete and current."),
    )

    # Review
    last_reviewed_at = models.DateTimeField(_("last reviewed"), null=True, blank=True)
    review_interval_months = models.PositiveSmallIntegerField(
        _("review interval (months)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    next_review_due = models.DateField(
        _("next review due"),
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("Computed from the last review and the interval."),
    )
    completeness = models.PositiveSmallIntegerField(
        _("completeness"), default=0, editable=False, db_index=True
    )

    exclude_fields_in_copy = ["uuid", "external_id", "last_reviewed_at"]

    # For Wagtail-native consumers of /api/v2/ (the delivery API /api/v1/
    # shows more). No relations to other pages: v2 would not hide the
    # unpublished ones.
    api_fields = [
        APIField("uuid"),
        APIField("summary"),
        APIField("description"),
        APIField("category", serializer=CategoryNameField()),
        APIField("languages", serializer=LanguageCodesField()),
        APIField("status"),
        APIField("min_age"),
        APIField("max_age"),
        APIField("locations"),
        APIField("opening_times"),
        APIField("contact_email"),
        APIField("next_review_due"),
    ]

    base_form_class = InterventionPageForm
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    CompletenessPanel(heading=_("Completeness")),
                    TitleFieldPanel("title"),
                    FieldPanel("summary"),
                    FieldPanel("description"),
                    FieldRowPanel(
                        [
                            FieldPanel("category", widget=forms.Select),
                            FieldPanel("status"),
                        ]
                    ),
                ],
                heading=_("Content"),
            ),
            ObjectList(
                [
                    FieldPanel("eligibility"),
                    FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
                    FieldPanel("establishment_programme"),
                    FieldPanel("provider", widget=forms.Select),
                    FieldPanel("service_area", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("languages", widget=SearchableCheckboxSelectMultiple),
                    FieldPanel("delivery_mode"),
                    InlinePanel(
                        "locations",
                        heading=_("Locations"),
                        label=_("Location"),
                        help_text=_(
                            "Where it takes place: name of the place, street address, "
                            "postcode and town. Not needed for remote delivery."
                        ),
                    ),
                ],
                heading=_("Target group and place"),
            ),
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                    FieldPanel("schedule_note"),
                    InlinePanel(
                        "opening_times",
                        heading=_("Opening times"),
                        label=_("Opening time"),
                        help_text=_("One row per weekday and time it is open."),
                    ),
                    InlinePanel(
                        "closures",
                        heading=_("Closures"),
                        label=_("Closure"),
                        help_text=_(
                            "Periods when it is closed, such as the summer; tick "
                            "yearly for a closure that comes back every year."
                        ),
                    ),
                    FieldPanel("capacity"),
                    FieldPanel("how_to_apply"),
                    FieldPanel("cost_description"),
                    MultiFieldPanel(
                        [
                            FieldPanel("exchange_terms"),
                            FieldRowPanel(
                                [
                                    FieldPanel("price_per_participant"),
                                    FieldPanel("places_for_others"),
                                ]
                            ),
                        ],
                        heading=_("Exchange with other municipalities"),
                    ),
                ],
                heading=_("Schedule, places and cost"),
            ),
            ObjectList(
                [
                    FieldPanel("responsible_owner", widget=forms.Select),
                    FieldPanel("contact_person", widget=forms.Select),
                    FieldRowPanel(
                        [FieldPanel("contact_email"), FieldPanel("contact_phone")]
                    ),
                    FieldPanel("review_interval_months"),
                    FieldPanel("confirm_reviewed"),
                    FieldPanel("external_id", read_only=True),
                ],
                heading=_("Contact and responsibility"),
            ),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("eligibility"),
        index.FilterField("status"),
        index.FilterField("category"),
    ]

    parent_page_types = ["samverkan_cms.OrganisationPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")

    def clean(self):
        super().clean()
        errors = age_range_errors(self.min_age, self.max_age)
        if self.start_date and self.end_date and self.start_date > self.end_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if self.status == InterventionStatus.ACTIVE:
            if self.responsible_owner_id is None:
                errors["responsible_owner"] = _(
                    "An active intervention must have a responsible owner."
                )
            if self.contact_person_id is None and not self.contact_email:
                errors["contact_email"] = _(
                    "An active intervention needs a contact: a person or an e-mail address."
                )
        if self.exchange_terms in (ExchangeTerms.BUY, ExchangeTerms.BUY_OR_SWAP) and (
            self.price_per_participant is None
        ):
            errors["price_per_participant"] = _(
                "Give the price per participant when other municipalities may buy places."
            )
        if (
            self.places_for_others is not None
            and self.capacity is not None
            and self.places_for_others > self.capacity
        ):
            errors["places_for_others"] = _(
                "Places for other municipalities cannot exceed the number of places."
            )
        if errors:
            raise ValidationError(errors)

    # What save() derives; a save of other fields only (Wagtail's
    # save_revision writes the latest revision's fields) skips deriving them.
    DERIVED_FIELDS = frozenset({"last_reviewed_at", "next_review_due", "completeness"})

    def save(self, *args, **kwargs):
        from cms.content.completeness import intervention_completeness

        update_fields = kwargs.get("update_fields")
        if update_fields is not None and not self.DERIVED_FIELDS & set(update_fields):
            return super().save(*args, **kwargs)
        stored, stored_due = None, None
        if self.pk:
            # Reviews are written straight to the row; publishing an older
            # draft must not take the review date back.
            stored, stored_due = (
                type(self)
                .objects.filter(pk=self.pk)
                .values_list("last_reviewed_at", "next_review_due")
                .first()
            ) or (None, None)
            if stored and (
                self.last_reviewed_at is None or stored > self.last_reviewed_at
            ):
                self.last_reviewed_at = stored
        # An edit is a review only when the editor said so (the form's "this
        # save is a review" box) or the import set the review date.
        is_review = (
            self.last_reviewed_at is not None
            and (stored is None or self.last_reviewed_at > stored)
            and (update_fields is None or "last_reviewed_at" in update_fields)
        )

        self.next_review_due = next_review_due(
            last_reviewed_at=self.last_reviewed_at,
            interval_months=self.review_interval_months,
            fallback=self.first_published_at,
        )
        self.completeness = intervention_completeness(self).score
        super().save(*args, **kwargs)
        if is_review:
            from cms.signals import intervention_reviewed

            intervention_reviewed.send(
                sender=type(self), page=self, previous_due=stored_due
            )

    @property
    def owner_organisation(self):
        return self.get_parent().specific

    @property
    def opening_times_shown(self) -> list:
        """What every output shows (see `opening_times_shown`)."""
        return opening_times_shown(self.opening_times.all())
