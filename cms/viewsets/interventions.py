"""The intervention bank's admin listing and its taxonomy registers."""

import django_filters

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.ui.tables.pages import (
    BulkActionsColumn,
    PageStatusColumn,
)
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.content.category_form import InterventionCategoryForm
from cms.models import (
    InterventionCategory,
    InterventionPage,
    InterventionStatus,
    Language,
    OrganisationPage,
    Person,
)
from cms.reviews.dates import ReviewState, review_state, review_state_filter
from cms.scoping.selectors import interventions_visible_in_admin
from cms.viewsets.columns import (
    PublishedParentPageColumn,
    PublishedTitleColumn,
    TranslationColumn,
)
from cms.viewsets.page_listings import (
    ScopedPageListingViewSet,
    TranslatedPageIndexView,
)

REVIEW_STATE_CHOICES = [
    (ReviewState.OVERDUE, _("Overdue (a month past its review date)")),
    (ReviewState.DUE, _("Past its review date")),
    (ReviewState.DUE_SOON, _("Due within two weeks")),
    (ReviewState.CURRENT, _("Current")),
    (ReviewState.UNSCHEDULED, _("Not scheduled (never published)")),
]


class InterventionFilterSet(WagtailFilterSet):
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        queryset=OrganisationPage.objects.order_by("title"),
        method="filter_organisation",
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Category"), queryset=InterventionCategory.objects.all()
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=InterventionStatus.choices
    )
    responsible_owner = django_filters.ModelChoiceFilter(
        label=_("Responsible owner"),
        queryset=Person.objects.filter(owned_interventions__isnull=False).distinct(),
    )
    review_state = django_filters.ChoiceFilter(
        label=_("Review"),
        choices=REVIEW_STATE_CHOICES,
        method="filter_review_state",
        widget=forms.RadioSelect,
        empty_label=_("Any"),
    )

    class Meta:
        model = InterventionPage
        fields = []

    def filter_organisation(self, queryset, name, value):
        return queryset.descendant_of(value) if value else queryset

    def filter_review_state(self, queryset, name, value):
        return queryset.filter(**review_state_filter(value)) if value else queryset


class CompletenessColumn(Column):
    cell_template_name = "samverkan_cms/columns/completeness.html"


class NextReviewColumn(Column):
    """The next review date; overdue and past-due rows stand out."""

    cell_template_name = "samverkan_cms/columns/next_review.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["state"] = review_state(due=instance.next_review_due)
        return context


class InterventionIndexView(TranslatedPageIndexView):
    def get_base_queryset(self):
        pages = interventions_visible_in_admin(user=self.request.user)
        return self.annotate_queryset(pages)

    def annotate_queryset(self, pages):
        # Related rows shown in the columns, loaded with the pages (also in
        # the specific subqueries), not once per row.
        related = ("category", "responsible_owner")
        pages = super().annotate_queryset(pages.select_related(*related))
        return pages.select_related(*related, for_specific_subqueries=True)


class InterventionListingViewSet(ScopedPageListingViewSet):
    model = InterventionPage
    index_view_class = InterventionIndexView
    icon = "list-ul"
    menu_label = _("Intervention bank")
    menu_order = 150
    add_to_admin_menu = True
    name = "interventions"
    filterset_class = InterventionFilterSet
    columns = [
        BulkActionsColumn("bulk_actions"),
        PublishedTitleColumn(
            "title", label=_("Title"), sort_key="title", classname="title"
        ),
        PublishedParentPageColumn("parent", label=_("Organisation")),
        Column(
            "category",
            accessor="category.name",
            label=_("Category"),
            sort_key="category__name",
        ),
        Column(
            "responsible_owner",
            accessor="responsible_owner.name",
            label=_("Responsible owner"),
            sort_key="responsible_owner__name",
        ),
        CompletenessColumn(
            "completeness", label=_("Completeness"), sort_key="completeness"
        ),
        NextReviewColumn(
            "next_review_due", label=_("Next review"), sort_key="next_review_due"
        ),
        TranslationColumn(),
        PageStatusColumn("status", label=_("Status"), sort_key="live"),
    ]


class InterventionCategoryViewSet(SnippetViewSet):
    model = InterventionCategory
    icon = "tag"
    menu_label = _("Categories")
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("description"),
            FieldPanel("sort_order"),
            FieldPanel("translations"),
        ],
        base_form_class=InterventionCategoryForm,
    )


class LanguageViewSet(SnippetViewSet):
    model = Language
    icon = "site"
    menu_label = _("Languages")
    list_display = ["name", "code", "native_name"]
    search_fields = ["name", "code"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (InterventionCategoryViewSet, LanguageViewSet)
    menu_icon = "tag"
    menu_label = _("Intervention taxonomy")
    menu_name = "intervention-taxonomy"
