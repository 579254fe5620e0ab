import datetime

from cms.models import InterventionPage, ReviewCoordinator
from cms.reviews.dates import next_review_due
from tests.factories import InterventionPageFactory, PersonFactory, publish


def coordinator_of(organisation, **kwargs):
    person = PersonFactory(organisation=organisation, **kwargs)
    ReviewCoordinator.objects.create(organisation=organisation, person=person)
    return person


def intervention_due(*, parent, owner, due: datetime.date, **kwargs):
    """A published intervention whose next review falls due on `due`
    (written to the row, as a review in the past would have)."""
    page = publish(
        InterventionPageFactory(parent=parent, responsible_owner=owner, **kwargs)
    )
    InterventionPage.objects.filter(pk=page.pk).update(next_review_due=due)
    page.refresh_from_db()
    return page


def reviewed_due(*, reviewed_at, interval_months=3):
    return next_review_due(
        last_reviewed_at=reviewed_at, interval_months=interval_months
    )
