"""Outdated translations: a changed Swedish source marks its translations
outdated (not a re-publish or a review), publishing the translation makes
it current; the intervention listing shows the mark, the responsible
owner's next digest names it, the review report counts translations per
organisation and language."""

import datetime

import pytest
import time_machine

from django.core import mail
from django.urls import reverse

from cms.models import InterventionPage, TranslationState
from cms.reviews.report import review_report
from cms.reviews.sending import digests_send
from tests.cms.reviews.factories import intervention_due
from tests.factories import PersonFactory, publish, stockholm, translation_of

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 3, 1)


def _outdated(page) -> bool:
    state = TranslationState.objects.filter(page=page).first()
    return state is not None and state.outdated_since is not None


@pytest.fixture
def translated(org_a):
    source = intervention_due(
        parent=org_a,
        owner=PersonFactory(organisation=org_a, email="elin@example.se"),
        due=DUE,
        title="Cykelkurs för kvinnor",
        summary="Lär dig cykla i lugn takt.",
    )
    arabic = translation_of(source, "ar", title="دورة ركوب الدراجة للنساء")
    english = translation_of(source, "en", title="Cycling course for women")
    return source, arabic, english


def test_changed_source_marks_translations_outdated(translated):
    source, arabic, english = translated
    assert not _outdated(arabic)

    source = InterventionPage.objects.get(pk=source.pk)
    source.save_revision().publish()  # unchanged
    assert not _outdated(arabic)
    source.last_reviewed_at = datetime.datetime(2026, 3, 2, tzinfo=datetime.UTC)
    source.save_revision().publish()  # a review, same content
    assert not _outdated(arabic)

    source.summary = "Lär dig cykla. Nu även på lördagar."
    source.save_revision().publish()
    assert _outdated(arabic) and _outdated(english)

    publish(InterventionPage.objects.get(pk=english.pk))  # brought up to date
    assert _outdated(arabic) and not _outdated(english)


def test_listing_digest_and_report_name_the_outdated_translation(
    client, org_a, editor_a, translated
):
    source, arabic, _english = translated
    source = InterventionPage.objects.get(pk=source.pk)
    source.summary = "Ny text."
    source.save_revision().publish()
    # Publishing computed the review date anew: due again, for the digest.
    InterventionPage.objects.filter(pk=source.pk).update(next_review_due=DUE)

    client.force_login(editor_a)
    listing = client.get(reverse("interventions:index")).content.decode()
    assert listing.count('data-translation-state="outdated"') == 2

    with time_machine.travel(stockholm(2026, 3, 1, 6, 30), tick=False):
        assert digests_send() == 1
    body = mail.outbox[-1].body
    assert "دورة ركوب الدراجة للنساء (Arabiska)" in body
    assert "Cycling course for women (Engelska)" in body
    assert reverse("wagtailadmin_pages:edit", args=[arabic.pk]) in body

    report = review_report(quarter="2026Q1", today=datetime.date(2026, 3, 2))
    row = next(row for row in report.translations if row[0] == org_a.title)
    cells = dict(zip(report.languages, row[2], strict=True))
    assert row[1] == 1
    assert cells["Arabiska"] == (1, 1)
    assert cells["Engelska"] == (1, 1)
    assert cells["Somaliska"] == (0, 0)
