"""Validation rules, completeness score and review dates of interventions."""

import datetime
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.content.completeness import CRITERIA, intervention_completeness
from cms.content.dates import add_months
from cms.models import (
    ExchangeTerms,
    InterventionLocation,
    InterventionOpeningTime,
    InterventionPage,
    InterventionStatus,
    Language,
)
from cms.reviews.dates import ReviewState, review_state
from cms.services import interventions_mark_reviewed
from tests.factories import InterventionPageFactory, PersonFactory, publish


def errors_of(page) -> dict:
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    return error.value.message_dict


@pytest.fixture
def intervention(org_a):
    return InterventionPageFactory(parent=org_a)


class TestValidation:
    def test_a_valid_intervention_passes(self, intervention):
        intervention.full_clean()

    def test_required_fields(self, org_a):
        page = InterventionPage(title="", summary="")
        errors = errors_of(page)
        assert {"title", "summary", "category"} <= set(errors)

    def test_age_range_must_be_coherent(self, intervention):
        intervention.min_age, intervention.max_age = 30, 18
        assert "max_age" in errors_of(intervention)

    def test_dates_must_be_coherent(self, intervention):
        intervention.start_date = datetime.date(2026, 5, 1)
        intervention.end_date = datetime.date(2026, 4, 30)
        assert "end_date" in errors_of(intervention)

    def test_active_needs_owner_and_contact(self, intervention):
        intervention.responsible_owner = None
        intervention.contact_email = ""
        errors = errors_of(intervention)
        assert "responsible_owner" in errors
        assert "contact_email" in errors

    def test_ended_needs_no_owner(self, intervention):
        intervention.status = InterventionStatus.ENDED
        intervention.responsible_owner = None
        intervention.contact_email = ""
        intervention.full_clean()

    def test_contact_person_is_enough_contact(self, intervention, org_a):
        intervention.contact_email = ""
        intervention.contact_person = PersonFactory(organisation=org_a)
        intervention.full_clean()

    def test_buying_places_needs_a_price(self, intervention):
        intervention.exchange_terms = ExchangeTerms.BUY
        assert "price_per_participant" in errors_of(intervention)
        intervention.price_per_participant = Decimal("4500")
        intervention.full_clean()

    def test_places_for_others_within_capacity(self, intervention):
        intervention.capacity, intervention.places_for_others = 10, 12
        assert "places_for_others" in errors_of(intervention)

    def test_messages_are_swedish(self, intervention):
        intervention.min_age, intervention.max_age = 30, 18
        message = errors_of(intervention)["max_age"][0]
        assert message == "Maxåldern kan inte vara lägre än minimiåldern."

    def test_location_needs_both_coordinates(self, intervention):
        location = InterventionLocation(
            page=intervention, street_address="Storgatan 1", city="Tumba", latitude=59.2
        )
        with pytest.raises(ValidationError):
            location.full_clean()

    def test_opening_time_closes_after_it_opens(self, intervention):
        slot = InterventionOpeningTime(
            page=intervention,
            weekday=1,
            opens=datetime.time(12),
            closes=datetime.time(9),
        )
        with pytest.raises(ValidationError):
            slot.full_clean()


class TestCompleteness:
    def test_weights_add_up_to_100(self):
        assert sum(weight for _k, _l, weight, _t in CRITERIA) == 100

    def test_minimal_entry_scores_low_and_lists_what_is_missing(self, intervention):
        result = intervention_completeness(intervention)
        missing = {key for key, _label, _weight in result.missing}
        assert result.score == 5 + 10 + 10  # summary, contact, owner
        assert {"description", "how_to_apply", "languages", "locations"} <= missing

    def test_complete_entry_scores_100(self, intervention, org_a):
        page = intervention
        page.description = "<p>Undervisning i svenska.</p>"
        page.eligibility = "Folkbokförda i kommunen"
        page.min_age = 16
        page.service_area = [org_a]
        page.languages = list(Language.objects.filter(code__in=["sv", "ar"]))
        page.locations = [
            InterventionLocation(street_address="Storgatan 1", city="Tumba")
        ]
        page.start_date = datetime.date(2026, 1, 10)
        page.capacity = 40
        page.how_to_apply = "Anmälan via kommunens webbplats."
        page.cost_description = "Kostnadsfritt"
        assert intervention_completeness(page).score == 100
        page.save()
        assert InterventionPage.objects.get(pk=page.pk).completeness == 100

    def test_remote_delivery_needs_no_location(self, intervention):
        before = intervention_completeness(intervention).score
        intervention.delivery_mode = "remote"
        assert intervention_completeness(intervention).score == before + 8

    def test_score_is_stored_on_publish(self, intervention):
        intervention.how_to_apply = "Ring oss."
        publish(intervention)
        assert intervention.completeness == 35

    def test_a_save_of_other_fields_derives_nothing(self, intervention):
        """Wagtail's save_revision saves the latest revision's fields only:
        the score and review dates, which such a save does not write, are
        not read or computed: no query reads our tables (before, five read
        the stored review dates and the score's related rows)."""
        intervention.draft_title = "Nytt utkast"
        with CaptureQueriesContext(connection) as queries:
            intervention.save(update_fields=["draft_title"], clean=False)
        ours = [q["sql"] for q in queries if "samverkan_cms" in q["sql"]]
        assert ours == []
        assert any(q["sql"].startswith('UPDATE "wagtailcore_page"') for q in queries)
        assert InterventionPage.objects.get(pk=intervention.pk).draft_title == (
            "Nytt utkast"
        )


class TestReviewDates:
    def test_add_months_clamps_to_month_end(self):
        assert add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
        assert add_months(datetime.date(2027, 8, 31), 6) == datetime.date(2028, 2, 29)
        assert add_months(datetime.date(2026, 11, 30), 3) == datetime.date(2027, 2, 28)
        assert add_months(datetime.date(2026, 1, 15), 12) == datetime.date(2027, 1, 15)

    def test_due_follows_last_review_and_interval(self, intervention):
        reviewed = timezone.make_aware(datetime.datetime(2026, 3, 1, 10))
        intervention.last_reviewed_at = reviewed
        intervention.review_interval_months = 3
        intervention.save()
        assert intervention.next_review_due == datetime.date(2026, 6, 1)

    def test_never_reviewed_is_due_an_interval_after_publication(self, intervention):
        assert intervention.next_review_due is None  # a draft is not scheduled
        publish(intervention)
        first = timezone.localdate(intervention.first_published_at)
        assert intervention.next_review_due == add_months(first, 3)

    def test_review_states(self):
        today = datetime.date(2026, 6, 1)
        assert review_state(due=None, today=today) == ReviewState.UNSCHEDULED
        assert (
            review_state(due=datetime.date(2026, 5, 2), today=today)
            == ReviewState.OVERDUE
        )
        assert (
            review_state(due=datetime.date(2026, 5, 3), today=today) == ReviewState.DUE
        )
        assert (
            review_state(due=datetime.date(2026, 5, 31), today=today) == ReviewState.DUE
        )
        assert review_state(due=today, today=today) == ReviewState.DUE_SOON
        assert (
            review_state(due=datetime.date(2026, 6, 15), today=today)
            == ReviewState.DUE_SOON
        )
        assert (
            review_state(due=datetime.date(2026, 6, 16), today=today)
            == ReviewState.CURRENT
        )

    def test_confirming_a_review_without_an_edit(self, intervention):
        publish(intervention)
        revisions = intervention.revisions.count()
        when = timezone.make_aware(datetime.datetime(2026, 9, 10, 9))
        interventions_mark_reviewed(pages=[intervention], when=when)
        intervention.refresh_from_db()
        assert intervention.last_reviewed_at == when
        assert intervention.next_review_due == datetime.date(2026, 12, 10)
        assert intervention.revisions.count() == revisions

    def test_publishing_an_old_draft_keeps_the_later_review(self, intervention):
        publish(intervention)
        draft = intervention.save_revision()  # made before the review
        when = timezone.now()
        interventions_mark_reviewed(pages=[intervention], when=when)
        draft.publish()
        intervention.refresh_from_db()
        assert intervention.last_reviewed_at == when

    def test_copy_gets_a_new_stable_id(self, intervention, org_a):
        publish(intervention)
        copy = intervention.copy(update_attrs={"slug": "kopia", "title": "Kopia"})
        assert copy.uuid != intervention.uuid
        assert copy.external_id is None
