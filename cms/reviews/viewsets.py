"""Admin for the review routine's people: each organisation's review
coordinator, and people who left or whose mail bounces (their entries go
to the coordinator). Central administrators manage them, within their
region."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cms.models import PersonAbsence, ReviewCoordinator
from cms.scoping.selectors import organisations_editable_by, people_editable_by
from cms.viewsets.community import ScopedForeignKeyForm, ScopedSnippetViewSet


def coordinators_editable_by(*, user):
    return ReviewCoordinator.objects.filter(
        organisation__in=organisations_editable_by(user=user)
    ).select_related("organisation", "person")


def absences_editable_by(*, user):
    return PersonAbsence.objects.filter(
        person__in=people_editable_by(user=user)
    ).select_related("person")


class CoordinatorForm(ScopedForeignKeyForm):
    scoped_fields = {
        "organisation": organisations_editable_by,
        "person": people_editable_by,
    }


class AbsenceForm(ScopedForeignKeyForm):
    scoped_fields = {"person": people_editable_by}


class CoordinatorViewSet(ScopedSnippetViewSet):
    model = ReviewCoordinator
    scope = coordinators_editable_by
    icon = "user"
    menu_label = _("Review coordinators")
    edit_handler = ObjectList(
        [FieldPanel("organisation"), FieldPanel("person")],
        base_form_class=CoordinatorForm,
    )
    list_display = [
        Column("organisation", label=_("Organisation")),
        Column("person", label=_("Coordinator")),
    ]


class AbsenceViewSet(ScopedSnippetViewSet):
    model = PersonAbsence
    scope = absences_editable_by
    icon = "warning"
    menu_label = _("People who left")
    edit_handler = ObjectList(
        [FieldPanel("person"), FieldPanel("reason"), FieldPanel("since")],
        base_form_class=AbsenceForm,
    )
    list_display = [Column("person", label=_("Person")), "reason", "since"]


class ReviewViewSetGroup(SnippetViewSetGroup):
    items = (CoordinatorViewSet, AbsenceViewSet)
    menu_icon = "tasks"
    menu_label = _("Review routine")
    menu_name = "review-routine"
