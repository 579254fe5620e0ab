"""The intervention bank in a real browser: a municipal editor adds an
intervention through the Wagtail admin's tabbed edit form, trips the age
validation, fixes it, publishes and finds the entry in the bank's listing.

Needs Debian's Chromium at /usr/bin/chromium (see conftest.py).
"""

import re

import pytest

pytest.importorskip("playwright")

from playwright.sync_api import expect  # noqa: E402

from django.urls import reverse  # noqa: E402

from cms.models import InterventionCategory, InterventionPage  # noqa: E402
from tests.e2e.helpers import click_publish, log_in  # noqa: E402
from tests.factories import PersonFactory  # noqa: E402

pytestmark = [
    pytest.mark.e2e,
    # See test_admin_in_browser.py: live_server needs real commits, and the
    # flush afterwards must restore the rows the data migrations created
    # (root page, locale, site and the SFI category used here).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # Beside the parallel part (scripts/run-tests.sh; 30 s timeouts there).
    pytest.mark.own_services,
]

TITLE = "SFI för föräldralediga i Tumba"
SUMMARY = "Svenska för invandrare med barnpassning, för dig som är föräldraledig."
CONTACT_EMAIL = "sfi@botkyrka.example.se"
OWNER_NAME = "Amina Yusuf"
AGE_ERROR_SV = "Maxåldern kan inte vara lägre än minimiåldern."


def tab(page, label: str):
    """A tab of the page editor's TabbedInterface, by its (Swedish) label."""
    return page.locator('[role="tab"]', has_text=label)


def field_errors(page, name: str):
    """The error container Wagtail renders next to the form field `name`."""
    return page.locator(f'[data-field]:has([name="{name}"]) [data-field-errors]')


def test_editor_adds_intervention_fixes_ages_and_publishes(page, editor_a, org_a):
    owner = PersonFactory(organisation=org_a, name=OWNER_NAME)
    # Someone in another organisation is never offered as owner.
    PersonFactory(name="Utomstående Person")
    sfi = InterventionCategory.objects.get(name="SFI")

    log_in(page, editor_a.username)

    # The bank is in the admin menu.
    page.get_by_role("link", name="Insatsbanken").first.click()
    expect(page).to_have_url(re.compile(re.escape(reverse("interventions:index"))))
    expect(page.locator("main")).not_to_contain_text(TITLE)

    page.goto(f"/admin/pages/add/samverkan_cms/interventionpage/{org_a.pk}/")

    # Tab "Innehåll" (shown first).
    page.locator('[name="title"]').fill(TITLE)
    page.locator('[name="summary"]').fill(SUMMARY)
    page.locator('select[name="category"]').select_option(label="SFI")

    # Tab "Målgrupp och plats": the ages the wrong way round.
    tab(page, "Målgrupp och plats").click()
    page.locator('[name="min_age"]').fill("30")
    page.locator('[name="max_age"]').fill("18")

    # Tab "Kontakt och ansvar".
    tab(page, "Kontakt och ansvar").click()
    owner_select = page.locator('select[name="responsible_owner"]')
    expect(owner_select.locator("option", has_text="Utomstående")).to_have_count(0)
    owner_select.select_option(label=f"{OWNER_NAME} (Botkyrka kommun)")
    page.locator('[name="contact_email"]').fill(CONTACT_EMAIL)

    # The slug on "Marknadsför" follows the title (test_slug_follows_title).

    click_publish(page)

    # Rejected: the error sits on the max-age field, and its tab says so.
    age_tab = tab(page, "Målgrupp och plats")
    expect(age_tab.locator(".w-tabs__errors")).to_be_visible()
    expect(age_tab.locator('[data-w-count-target="total"]')).to_have_text("1")
    expect(page.locator(".error-message")).to_have_count(1)
    age_tab.click()
    expect(field_errors(page, "max_age")).to_have_text(AGE_ERROR_SV)
    expect(field_errors(page, "min_age")).to_have_text("")
    assert not InterventionPage.objects.filter(title=TITLE).exists()

    # The rest of the form survived the round trip.
    expect(page.locator('[name="min_age"]')).to_have_value("30")
    expect(page.locator('[name="max_age"]')).to_have_value("18")
    expect(page.locator('select[name="responsible_owner"]')).to_have_value(
        str(owner.pk)
    )

    page.locator('[name="max_age"]').fill("65")
    click_publish(page)

    expect(page.locator(".messages")).to_contain_text(
        f"Sida '{TITLE}' skapad och publicerad."
    )

    intervention = InterventionPage.objects.get(title=TITLE)
    assert intervention.live
    assert not intervention.has_unpublished_changes
    assert intervention.get_parent().pk == org_a.pk
    assert intervention.slug.startswith("sfi")
    assert intervention.summary == SUMMARY
    assert intervention.category == sfi
    assert (intervention.min_age, intervention.max_age) == (30, 65)
    assert intervention.responsible_owner == owner
    assert intervention.contact_email == CONTACT_EMAIL
    assert intervention.contact_person is None
    assert intervention.completeness > 0

    # The bank's listing shows it, with its completeness.
    page.goto(reverse("interventions:index"))
    row = page.locator("tbody tr", has_text=TITLE)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Botkyrka kommun")
    expect(row).to_contain_text("SFI")
    expect(row).to_contain_text(OWNER_NAME)
    completeness = row.locator("[data-completeness]")
    expect(completeness).to_have_attribute(
        "data-completeness", str(intervention.completeness)
    )
    expect(completeness).to_have_text(f"{intervention.completeness}\u00a0%")


def test_slug_follows_title(page, editor_a, org_a):
    """Wagtail's TitleFieldPanel copies a new page's title into its slug as
    the editor types, so a busy editor never has to think of one."""
    log_in(page, editor_a.username)
    page.goto(f"/admin/pages/add/samverkan_cms/interventionpage/{org_a.pk}/")

    page.locator('[name="title"]').fill("Jobbcoachning i Alby")
    page.locator('[name="title"]').blur()

    tab(page, "Marknadsför").click()
    expect(page.locator('[name="slug"]')).to_have_value(
        "jobbcoachning-i-alby", timeout=2000
    )
