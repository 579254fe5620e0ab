"""Filters of the delivery API."""

import datetime

import django_filters

from django import forms
from django.db.models import Q
from django.utils import timezone

from cms.models import (
    ExchangeTerms,
    InterventionPage,
    InterventionStatus,
    MeetingPage,
    MeetingStatus,
    NewsPage,
    OrganisationKind,
    OrganisationPage,
)
from cms.reviews.dates import ReviewState, api_review_status_filter
from cms.selectors import interventions_filtered


class UtcIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 date-time, converted to UTC before it reaches the database
    (which refuses offsets beyond ±15:59 that ISO 8601 allows); a moment
    outside the years 1-9999 once in UTC is a validation error, reported
    under the parameter's name like any other."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return value.astimezone(datetime.UTC)
        except OverflowError:
            raise forms.ValidationError("Out of range.", code="invalid") from None


class UtcDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


class InterventionFilter(django_filters.FilterSet):
    organisation = django_filters.CharFilter(
        method="filter_organisation", help_text="Owning organisation's slug or id."
    )
    municipality = django_filters.CharFilter(
        method="filter_municipality",
        help_text="A municipality served, by slug or code.",
    )
    category = django_filters.CharFilter(field_name="category__slug")
    language = django_filters.CharFilter(
        method="filter_language", help_text="ISO 639 code, e.g. ar."
    )
    age = django_filters.NumberFilter(
        method="filter_age", help_text="Interventions open to a person of this age."
    )
    status = django_filters.ChoiceFilter(choices=InterventionStatus.choices)
    exchange_terms = django_filters.ChoiceFilter(
        method="filter_exchange_terms",
        choices=ExchangeTerms.choices,
        help_text=(
            "buy and swap include interventions open to buy or swap "
            "(buy_or_swap); none and buy_or_swap match exactly."
        ),
    )
    review_status = django_filters.ChoiceFilter(
        method="filter_review_status",
        choices=[
            (state, state)
            for state in (
                ReviewState.OVERDUE,
                ReviewState.DUE_SOON,
                ReviewState.CURRENT,
            )
        ],
    )
    updated_since = UtcDateTimeFilter(field_name="last_published_at", lookup_expr="gte")
    slug = django_filters.CharFilter(field_name="slug")
    q = django_filters.CharFilter(method="filter_text", help_text="Free-text search.")

    class Meta:
        model = InterventionPage
        fields = []

    def filter_organisation(self, queryset, name, value):
        organisation = _organisation(value)
        if organisation is None:
            return queryset.none()
        return queryset.child_of(organisation)

    # The rules are shared with the public site's listing (cms.selectors).
    def filter_municipality(self, queryset, name, value):
        return interventions_filtered(queryset, municipalities=[value])

    def filter_language(self, queryset, name, value):
        return interventions_filtered(queryset, languages=[value])

    def filter_age(self, queryset, name, value):
        return interventions_filtered(queryset, age=value)

    def filter_exchange_terms(self, queryset, name, value):
        # "buy" and "swap" as the public bank reads them (cms.selectors):
        # an intervention open to buy or swap is open to either.
        if value in (ExchangeTerms.BUY, ExchangeTerms.SWAP):
            return interventions_filtered(queryset, exchange=[value])
        return queryset.filter(exchange_terms=value)

    def filter_review_status(self, queryset, name, value):
        # The same rule as the `review_status` field (the review ladder).
        return queryset.filter(
            **api_review_status_filter(value, today=timezone.localdate())
        )

    def filter_text(self, queryset, name, value):
        return interventions_filtered(queryset, text=value)


class OrganisationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=OrganisationKind.choices)
    member = django_filters.BooleanFilter(method="filter_member")

    class Meta:
        model = OrganisationPage
        fields = []

    def filter_member(self, queryset, name, value):
        from django.utils import timezone

        today = timezone.localdate()
        current = Q(member_since__lte=today) & (
            Q(member_until__isnull=True) | Q(member_until__gte=today)
        )
        return queryset.filter(current) if value else queryset.exclude(current)


def _organisation(value: str):
    """The organisation (in Swedish: lists run over the Swedish pages)."""
    import uuid

    from cms.languages import SOURCE_LANGUAGE

    queryset = OrganisationPage.objects.live().filter(
        locale__language_code=SOURCE_LANGUAGE
    )
    try:
        return queryset.filter(translation_key=uuid.UUID(value)).first()
    except ValueError:
        return queryset.filter(slug=value).first()


class NewsFilter(django_filters.FilterSet):
    organisation = django_filters.CharFilter(
        method="filter_organisation", help_text="Author organisation's slug or id."
    )
    tag = django_filters.CharFilter(
        method="filter_tag", help_text="A tag, by slug or name."
    )
    updated_since = UtcDateTimeFilter(field_name="last_published_at", lookup_expr="gte")
    q = django_filters.CharFilter(
        method="filter_text", help_text="Free-text search in title and lead."
    )

    class Meta:
        model = NewsPage
        fields = []

    def filter_organisation(self, queryset, name, value):
        organisation = _organisation(value)
        if organisation is None:
            return queryset.none()
        return queryset.child_of(organisation)

    def filter_tag(self, queryset, name, value):
        return queryset.filter(
            Q(tags__slug=value) | Q(tags__name__iexact=value)
        ).distinct()

    def filter_text(self, queryset, name, value):
        for word in value.split()[:8]:
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(lead__icontains=word)
            )
        return queryset


class EventFilter(django_filters.FilterSet):
    group = django_filters.CharFilter(
        field_name="group__slug", help_text="The group's slug."
    )
    status = django_filters.ChoiceFilter(choices=MeetingStatus.choices)
    from_ = django_filters.DateFilter(
        method="filter_from",
        label="from",
        help_text="Meetings starting on or after this date (Swedish time).",
    )
    to = django_filters.DateFilter(
        method="filter_to",
        help_text="Meetings starting on or before this date (Swedish time).",
    )
    updated_since = UtcDateTimeFilter(field_name="last_published_at", lookup_expr="gte")

    class Meta:
        model = MeetingPage
        fields = []

    def filter_from(self, queryset, name, value):
        return queryset.filter(starts_at__gte=_start_of_day(value))

    def filter_to(self, queryset, name, value):
        import datetime

        return queryset.filter(
            starts_at__lt=_start_of_day(value + datetime.timedelta(days=1))
        )


# "from" is a Python keyword: expose the filter under that name.
EventFilter.base_filters["from"] = EventFilter.base_filters.pop("from_")


def _start_of_day(day):
    import datetime

    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
