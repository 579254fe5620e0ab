"""Filters of the newsletter's admin listings."""

import django_filters

from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet

from newsletter.forms import audience_with_region
from newsletter.models import Subscriber
from newsletter.selectors import audiences_of


def _audiences_of_request(request):
    return audiences_of(user=request.user).select_related("region")


class SubscriberFilterSet(WagtailFilterSet):
    """The listing's filters; audiences only of the user's regions."""

    audiences = django_filters.ModelChoiceFilter(
        label=_("Audience"), queryset=_audiences_of_request
    )

    class Meta:
        model = Subscriber
        fields = ["status", "consent_source", "audiences"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.form.fields["audiences"]
        if len({audience.region_id for audience in field.queryset}) > 1:
            field.label_from_instance = audience_with_region  # which is whose
