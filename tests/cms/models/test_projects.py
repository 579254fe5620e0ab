"""Projects and grants: reporting deadlines derived from the grant rules
(interim report six months after the decision, final report two months after
the period ends), editable by hand, and the central deadlines report."""

import datetime

import pytest

from django.urls import reverse

from cms.models import DeadlineKind, ProjectPage, ReportingDeadline
from tests.factories import PersonFactory, ProjectPageFactory, editor_of, publish

D = datetime.date
INTERIM = DeadlineKind.INTERIM_REPORT
FINAL = DeadlineKind.FINAL_REPORT


def deadlines(project) -> dict:
    project = ProjectPage.objects.get(pk=project.pk)
    return {d.kind: d.due_on for d in project.deadlines.all()}


@pytest.mark.parametrize(
    ("decision", "period_end", "interim", "final"),
    [
        (D(2026, 3, 15), D(2027, 12, 31), D(2026, 9, 15), D(2028, 2, 29)),
        (D(2025, 8, 31), D(2026, 6, 30), D(2026, 2, 28), D(2026, 8, 30)),
        (D(2027, 8, 31), D(2028, 10, 31), D(2028, 2, 29), D(2028, 12, 31)),
        (D(2026, 12, 31), D(2027, 7, 31), D(2027, 6, 30), D(2027, 9, 30)),
    ],
)
def test_deadlines_derive_from_decision_and_period(
    org_a, decision, period_end, interim, final
):
    project = ProjectPageFactory(
        parent=org_a, decision_date=decision, period_end=period_end
    )
    assert deadlines(project) == {INTERIM: interim, FINAL: final}


def test_no_dates_no_deadlines(org_a):
    assert deadlines(ProjectPageFactory(parent=org_a)) == {}


def test_derived_deadlines_follow_changed_dates(org_a):
    project = ProjectPageFactory(
        parent=org_a, decision_date=D(2026, 3, 1), period_end=D(2027, 6, 30)
    )
    project.decision_date = D(2026, 8, 31)
    project.period_end = None
    publish(project)
    assert deadlines(project) == {INTERIM: D(2027, 2, 28)}


def test_a_deadline_changed_by_hand_is_kept(org_a):
    project = ProjectPageFactory(
        parent=org_a, decision_date=D(2026, 3, 1), period_end=D(2027, 6, 30)
    )
    interim = project.deadlines.get(kind=INTERIM)
    ReportingDeadline.objects.filter(pk=interim.pk).update(due_on=D(2026, 10, 1))
    project = ProjectPage.objects.get(pk=project.pk)
    project.decision_date = D(2026, 4, 1)
    publish(project)
    assert deadlines(project) == {INTERIM: D(2026, 10, 1), FINAL: D(2027, 8, 30)}


def test_a_done_deadline_is_kept(org_a):
    project = ProjectPageFactory(parent=org_a, decision_date=D(2026, 3, 1))
    ReportingDeadline.objects.filter(project=project).update(done_on=D(2026, 8, 20))
    project = ProjectPage.objects.get(pk=project.pk)
    project.decision_date = D(2026, 5, 1)
    publish(project)
    assert deadlines(project) == {INTERIM: D(2026, 9, 1)}


def test_editor_edits_a_derived_date_and_adds_a_deadline_in_the_admin(
    client, org_a, editor_a
):
    project = publish(
        ProjectPageFactory(
            parent=org_a, decision_date=D(2026, 8, 31), period_end=D(2027, 12, 31)
        )
    )
    owner = PersonFactory(organisation=org_a, name="Projektledare")
    interim, final = project.deadlines.order_by("sort_order")
    client.force_login(editor_a)
    data = {
        "title": project.title,
        "slug": project.slug,
        "funder": "eu_fund",
        "decision_date": "2026-08-31",
        "period_end": "2027-12-31",
        "deadlines-TOTAL_FORMS": "3",
        "deadlines-INITIAL_FORMS": "2",
        "deadlines-MIN_NUM_FORMS": "0",
        "deadlines-MAX_NUM_FORMS": "1000",
        "action-publish": "1",
    }
    rows = [
        (interim.pk, "interim_report", "2027-03-15", owner.pk),
        (final.pk, "final_report", "2028-02-29", ""),
        ("", "other", "2027-06-30", owner.pk),
    ]
    for index, (pk, kind, due, responsible) in enumerate(rows):
        data.update(
            {
                f"deadlines-{index}-id": pk,
                f"deadlines-{index}-kind": kind,
                f"deadlines-{index}-due_on": due,
                f"deadlines-{index}-responsible": responsible,
                f"deadlines-{index}-description": "Lägesrapport" if not pk else "",
                f"deadlines-{index}-ORDER": str(index),
                f"deadlines-{index}-DELETE": "",
            }
        )
    response = client.post(reverse("wagtailadmin_pages:edit", args=(project.pk,)), data)
    assert response.status_code == 302, response.context["form"].errors
    rows = ProjectPage.objects.get(pk=project.pk).deadlines.order_by("due_on")
    assert [(d.kind, d.due_on, d.responsible_id) for d in rows] == [
        (INTERIM, D(2027, 3, 15), owner.pk),
        (DeadlineKind.OTHER, D(2027, 6, 30), owner.pk),
        (FINAL, D(2028, 2, 29), None),
    ]
    # The hand-set interim date no longer follows the decision date.
    project = ProjectPage.objects.get(pk=project.pk)
    project.decision_date = D(2026, 9, 30)
    publish(project)
    assert project.deadlines.get(kind=INTERIM).due_on == D(2027, 3, 15)


class TestDeadlinesReport:
    URL = "samverkan_deadlines"

    @pytest.fixture
    def projects(self, org_a, org_b):
        a = publish(
            ProjectPageFactory(
                parent=org_a,
                title="Botkyrkaprojektet",
                decision_date=D(2026, 1, 10),
                period_end=D(2027, 12, 31),
            )
        )
        b = publish(
            ProjectPageFactory(
                parent=org_b, title="Haningeprojektet", decision_date=D(2025, 12, 1)
            )
        )
        done = a.deadlines.get(kind=FINAL)
        ReportingDeadline.objects.filter(pk=done.pk).update(done_on=D(2026, 1, 1))
        return a, b

    def test_central_admin_sees_every_open_deadline_in_date_order(
        self, client, central_admin, projects
    ):
        client.force_login(central_admin)
        response = client.get(reverse(self.URL))
        assert response.status_code == 200
        rows = [
            (d.project.title, d.kind, d.organisation.title)
            for d in response.context["object_list"]
        ]
        assert rows == [
            ("Haningeprojektet", INTERIM, "Haninge kommun"),
            ("Botkyrkaprojektet", INTERIM, "Botkyrka kommun"),
        ]
        assert "Haningeprojektet" in response.content.decode()

    def test_editors_cannot_open_the_report(self, client, editor_a, projects):
        client.force_login(editor_a)
        assert client.get(reverse(self.URL)).status_code in {302, 403}

    def test_menu_item_only_for_central_admins(self, client, central_admin, org_a):
        client.force_login(central_admin)
        assert (
            reverse(self.URL)
            in client.get(reverse("wagtailadmin_home")).content.decode()
        )
        client.force_login(editor_of(org_a, username="editor_x"))
        assert (
            reverse(self.URL)
            not in client.get(reverse("wagtailadmin_home")).content.decode()
        )

    def test_export(self, client, central_admin, projects):
        client.force_login(central_admin)
        response = client.get(reverse(self.URL) + "?export=csv")
        assert response.status_code == 200
        body = b"".join(response.streaming_content).decode()
        assert "Haningeprojektet" in body and "Haninge kommun" in body
