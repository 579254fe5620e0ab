"""The central administrators' report of every coming reporting deadline."""

from itertools import chain

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import Page

from cms import selectors
from cms.infra.csv_export import csv_stream, csv_variant
from cms.scoping.selectors import regions_administered_by


def user_sees_deadlines_report(user) -> bool:
    """Central administrators (of any region) and superusers."""
    return user.is_active and (
        user.is_superuser or regions_administered_by(user=user).exists()
    )


class DeadlineStateColumn(Column):
    def get_value(self, instance):
        if instance.due_on < timezone.localdate():
            return _("Overdue")
        return ""


class DeadlinesReportView(ReportView):
    page_title = _("Reporting deadlines")
    header_icon = "date"
    index_url_name = "samverkan_deadlines"
    index_results_url_name = "samverkan_deadlines_results"
    paginate_by = 100
    columns = [
        Column("due_on", label=_("Due")),
        DeadlineStateColumn("state", label=_("State")),
        Column("kind", accessor="get_kind_display", label=_("Deadline")),
        TitleColumn(
            "project",
            label=_("Project"),
            accessor="project.title",
            get_url=lambda d: reverse("wagtailadmin_pages:edit", args=(d.project_id,)),
        ),
        Column("organisation_title", label=_("Organisation")),
        Column("responsible_name", label=_("Responsible")),
        Column("description", label=_("Description")),
    ]
    list_export = [
        "due_on",
        "kind",
        "project.title",
        "organisation_title",
        "responsible_name",
        "description",
    ]
    export_headings = {
        "due_on": _("Due"),
        "kind": _("Deadline"),
        "project.title": _("Project"),
        "organisation_title": _("Organisation"),
        "responsible_name": _("Responsible"),
        "description": _("Description"),
    }

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(
                _("Calendar link"),
                reverse("samverkan_deadlines_calendar"),
                icon_name="date",
            )
        ]

    def dispatch(self, request, *args, **kwargs):
        if not user_sees_deadlines_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.deadlines_coming(user=self.request.user)

    def stream_csv(self, queryset):
        """Through the one CSV writer (no formulas; `?csv=excel-sv`)."""
        headings = [self.get_heading(queryset, field) for field in self.list_export]
        rows = (
            [
                self.preprocess_field_value(field, value, self.FORMAT_CSV)
                for field, value in self.to_row_dict(item).items()
            ]
            for item in queryset
        )
        return csv_stream(chain([headings], rows), variant=csv_variant(self.request))

    def get_filename(self):
        return f"rapporteringsdatum-{timezone.localdate():%Y-%m-%d}"

    def decorate_paginated_queryset(self, object_list):
        # The owner organisation is the project's parent page: load all of
        # them in one query.
        deadlines = list(object_list)
        parent_paths = {d.project.path[: -Page.steplen] for d in deadlines}
        organisations = {p.path: p for p in Page.objects.filter(path__in=parent_paths)}
        for deadline in deadlines:
            deadline.organisation = organisations.get(
                deadline.project.path[: -Page.steplen]
            )
            deadline.organisation_title = getattr(deadline.organisation, "title", "")
            deadline.responsible_name = getattr(deadline.responsible, "name", "")
        return deadlines
