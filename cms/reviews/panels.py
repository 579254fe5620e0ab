"""Dashboard panel: the signed-in editor's reviews due."""

import datetime

from django.db.models import Q
from django.utils import timezone

from wagtail.admin.ui.components import Component

from cms.languages import SOURCE_LANGUAGE
from cms.models import InterventionPage, ReviewCoordinator
from cms.reviews.ladder import horizon


class MyReviewsPanel(Component):
    name = "samverkan_my_reviews"
    order = 50
    template_name = "samverkan_cms/reviews/my_reviews_panel.html"

    def __init__(self, user):
        self.user = user

    def entries(self, today: datetime.date):
        person = getattr(self.user, "samverkan_person", None)
        if person is None:
            return []
        coordinated = ReviewCoordinator.objects.filter(person=person).values_list(
            "organisation__path", flat=True
        )
        condition = Q(responsible_owner=person)
        for path in coordinated:
            condition |= Q(path__startswith=path, responsible_owner__isnull=True)
            condition |= Q(
                path__startswith=path, responsible_owner__review_absence__isnull=False
            )
        return list(
            InterventionPage.objects.live()
            .filter(locale__language_code=SOURCE_LANGUAGE)
            .filter(condition, next_review_due__lte=horizon(today=today))
            .order_by("next_review_due", "title")[:50]
        )

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        parent_context = parent_context or {}
        return {
            "entries": self.entries(today),
            "today": today,
            # The "still correct" buttons post a form from the dashboard.
            "request": parent_context.get("request"),
            "csrf_token": parent_context.get("csrf_token"),
        }
