"""Admin listings of meetings (upcoming and the archive), news and projects."""

import django_filters

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.ui.tables.pages import (
    BulkActionsColumn,
    PageStatusColumn,
)

from cms.models import (
    CollaborationGroup,
    MeetingPage,
    MeetingStatus,
    NewsPage,
    ProjectPage,
)
from cms.scoping.selectors import pages_visible_in_admin
from cms.viewsets.columns import (
    PublishedParentPageColumn,
    PublishedTitleColumn,
    TranslationColumn,
)
from cms.viewsets.page_listings import (
    ScopedPageListingViewSet,
    TranslatedPageIndexView,
)

UPCOMING = "upcoming"
PAST = "past"


class OpenIndexView(TranslatedPageIndexView):
    """Every organisation's live pages of the type, plus the user's own
    drafts; editing stays scoped by the page permissions."""

    def get_base_queryset(self):
        pages = pages_visible_in_admin(user=self.request.user, model=self.model)
        return self.annotate_queryset(pages)


class MeetingIndexView(OpenIndexView):
    def annotate_queryset(self, pages):
        pages = super().annotate_queryset(pages.select_related("group"))
        return pages.select_related("group", for_specific_subqueries=True)


class MeetingFilterSet(WagtailFilterSet):
    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[(UPCOMING, _("Upcoming")), (PAST, _("Past"))],
        method="filter_when",
        widget=forms.RadioSelect,
        empty_label=_("Any"),
    )
    group = django_filters.ModelChoiceFilter(
        label=_("Group"), queryset=CollaborationGroup.objects.all()
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=MeetingStatus.choices
    )

    class Meta:
        model = MeetingPage
        fields = []

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == UPCOMING:
            return queryset.filter(ends_at__gte=now)
        if value == PAST:
            return queryset.filter(ends_at__lt=now)
        return queryset


class MeetingListingViewSet(ScopedPageListingViewSet):
    model = MeetingPage
    index_view_class = MeetingIndexView
    icon = "date"
    menu_label = _("Meetings")
    menu_order = 160
    add_to_admin_menu = True
    name = "meetings"
    filterset_class = MeetingFilterSet
    columns = [
        BulkActionsColumn("bulk_actions"),
        PublishedTitleColumn(
            "title", label=_("Title"), sort_key="title", classname="title"
        ),
        Column("group", label=_("Group"), sort_key="group__name"),
        Column("starts_at", label=_("Starts"), sort_key="starts_at"),
        Column("status_label", accessor="get_status_display", label=_("Meeting")),
        Column(
            "minutes_approved_on",
            label=_("Minutes approved"),
            sort_key="minutes_approved_on",
        ),
        PublishedParentPageColumn("parent", label=_("Organisation")),
        TranslationColumn(),
        PageStatusColumn("status", label=_("Status"), sort_key="live"),
    ]


class NewsListingViewSet(ScopedPageListingViewSet):
    model = NewsPage
    index_view_class = OpenIndexView
    icon = "doc-full-inverse"
    menu_label = _("News")
    menu_order = 155
    add_to_admin_menu = True
    name = "news"
    columns = [
        BulkActionsColumn("bulk_actions"),
        PublishedTitleColumn(
            "title", label=_("Title"), sort_key="title", classname="title"
        ),
        Column("date", label=_("Date"), sort_key="date"),
        PublishedParentPageColumn("parent", label=_("Organisation")),
        TranslationColumn(),
        PageStatusColumn("status", label=_("Status"), sort_key="live"),
    ]


class ProjectListingViewSet(ScopedPageListingViewSet):
    model = ProjectPage
    index_view_class = OpenIndexView
    icon = "clipboard-list"
    menu_label = _("Projects")
    menu_order = 165
    add_to_admin_menu = True
    name = "projects"
    columns = [
        BulkActionsColumn("bulk_actions"),
        PublishedTitleColumn(
            "title", label=_("Title"), sort_key="title", classname="title"
        ),
        Column("funder", accessor="get_funder_display", label=_("Funder")),
        Column("amount_granted", label=_("Granted (SEK)"), sort_key="amount_granted"),
        Column("period_end", label=_("Period ends"), sort_key="period_end"),
        PublishedParentPageColumn("parent", label=_("Organisation")),
        PageStatusColumn("status", label=_("Status"), sort_key="live"),
    ]
