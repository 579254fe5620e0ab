"""Registration only: menus, viewsets and page hooks of the cms app."""

from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from cms import services
from cms.content import help
from cms.content.bulk_actions import MarkReviewedBulkAction
from cms.deadlines.views import deadline_calendar_admin
from cms.exchange import selectors as exchange_selectors
from cms.exchange.viewsets import ExchangeViewSetGroup, seek_offers_button
from cms.exchange.viewsets import admin_urls as exchange_admin_urls
from cms.importing import admin_views as import_admin
from cms.models import (
    CollaborationGroup,
    ExchangeAgreement,
    OrganisationPage,
    Person,
    PersonAbsence,
    PlaceSeek,
    RegionPage,
)
from cms.personal_data import hooks as personal_data_hooks
from cms.reviews.admin_views import (
    review_confirm_view,
    review_report_view,
    user_sees_review_report,
)
from cms.reviews.panels import MyReviewsPanel
from cms.reviews.services import absence_hand_over
from cms.reviews.viewsets import ReviewViewSetGroup
from cms.scoping.document_access import document_is_withheld
from cms.scoping.permissions import ScopedModelPermissionPolicy
from cms.scoping.selectors import (
    groups_editable_by,
    pages_visible_in_admin,
    people_editable_by,
)
from cms.scoping.side_doors import refuse_move_not_allowed
from cms.statistics.admin_views import ReadsReportView, user_sees_reads_report
from cms.translations.admin_views import page_model_can_be_alias
from cms.translations.listing_buttons import (
    localize_page_buttons_replace,
    with_translation_actions,
)
from cms.two_factor import admin as two_factor_admin
from cms.viewsets.community import CommunityViewSetGroup
from cms.viewsets.deadlines import DeadlinesReportView, user_sees_deadlines_report
from cms.viewsets.interventions import InterventionListingViewSet, TaxonomyViewSetGroup
from cms.viewsets.meetings import (
    MeetingListingViewSet,
    NewsListingViewSet,
    ProjectListingViewSet,
)
from cms.viewsets.page_listings import (
    MyInterventionsMenuItem,
    back_to_listing_after_publish,
)

register_permission_policy(
    Person, ScopedModelPermissionPolicy(Person, scope=people_editable_by)
)
register_permission_policy(
    CollaborationGroup,
    ScopedModelPermissionPolicy(CollaborationGroup, scope=groups_editable_by),
)
register_permission_policy(
    PlaceSeek,
    ScopedModelPermissionPolicy(PlaceSeek, scope=exchange_selectors.seeks_editable_by),
)
register_permission_policy(
    ExchangeAgreement,
    ScopedModelPermissionPolicy(
        ExchangeAgreement, scope=exchange_selectors.agreements_visible_to
    ),
)
register_snippet(CommunityViewSetGroup)
register_snippet(ExchangeViewSetGroup)
hooks.register("register_admin_urls", exchange_admin_urls)
hooks.register("register_snippet_listing_buttons", seek_offers_button)
register_snippet(TaxonomyViewSetGroup)
register_snippet(ReviewViewSetGroup)
hooks.register("register_bulk_action", MarkReviewedBulkAction)
hooks.register("before_move_page", refuse_move_not_allowed)
hooks.register("after_edit_page", back_to_listing_after_publish, order=100)
hooks.register("after_create_page", back_to_listing_after_publish, order=100)
hooks.register("register_admin_urls", two_factor_admin.admin_urls)
hooks.register("register_admin_urls", personal_data_hooks.admin_urls)
hooks.register("register_admin_menu_item", personal_data_hooks.suggesters_menu_item)
hooks.register(
    "register_snippet_listing_buttons", personal_data_hooks.person_listing_buttons
)
hooks.register("register_admin_urls", import_admin.admin_urls)
hooks.register("register_account_menu_item", two_factor_admin.account_menu_item)
hooks.register("register_log_actions", two_factor_admin.register_log_actions)
hooks.register("register_user_listing_buttons", two_factor_admin.user_listing_buttons)
# Translation buttons without queries per listing row, for those who may translate.
localize_page_buttons_replace()


@hooks.register("register_admin_viewset")
def register_intervention_listing():
    return InterventionListingViewSet()


@hooks.register("register_admin_menu_item")
def register_my_interventions_menu_item():
    return MyInterventionsMenuItem(
        _("My interventions"),
        reverse("interventions:index"),
        name="my-interventions",
        icon_name="user",
        order=151,
    )


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    # Right below the intervention bank (150) and "My interventions" (151).
    return import_admin.ImportMenuItem(
        _("Import interventions"),
        reverse("samverkan_import"),
        name="import-interventions",
        icon_name="upload",
        order=152,
    )


@hooks.register("register_admin_viewset")
def register_content_listings():
    return [NewsListingViewSet(), MeetingListingViewSet(), ProjectListingViewSet()]


class DeadlinesMenuItem(MenuItem):
    def is_shown(self, request):
        return user_sees_deadlines_report(request.user)


@hooks.register("register_reports_menu_item")
def register_deadlines_report_menu_item():
    return DeadlinesMenuItem(
        _("Reporting deadlines"),
        reverse("samverkan_deadlines"),
        icon_name="date",
        order=50,
    )


@hooks.register("register_admin_urls")
def register_deadlines_report_urls():
    return [
        path(
            "reports/deadlines/",
            DeadlinesReportView.as_view(),
            name="samverkan_deadlines",
        ),
        path(
            "reports/deadlines/results/",
            DeadlinesReportView.as_view(results_only=True),
            name="samverkan_deadlines_results",
        ),
        path(
            "reports/deadlines/calendar/",
            deadline_calendar_admin,
            name="samverkan_deadlines_calendar",
        ),
    ]


class ReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return user_sees_review_report(request.user)


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return ReviewReportMenuItem(
        _("Review report"),
        reverse("samverkan_review_report"),
        icon_name="tasks",
        order=60,
    )


@hooks.register("register_admin_urls")
def register_review_report_urls():
    return [
        path("reports/reviews/", review_report_view, name="samverkan_review_report"),
        path(
            "reviews/<int:page_id>/confirm/",
            review_confirm_view,
            name="samverkan_review_confirm",
        ),
    ]


@hooks.register("construct_homepage_panels")
def add_my_reviews_panel(request, panels):
    panels.append(MyReviewsPanel(request.user))


@hooks.register("after_create_snippet")
def hand_over_entries_of_absent_person(request, instance):
    if isinstance(instance, PersonAbsence):
        absence_hand_over(absence=instance)


@hooks.register("construct_page_chooser_queryset")
def hide_others_drafts_from_page_chooser(pages, request):
    """The page chooser browses the whole tree; another organisation's pages
    that are not live (never published, or unpublished) are not offered."""
    visible = pages_visible_in_admin(user=request.user, model=Page)
    return pages.filter(pk__in=visible.values("pk"))


@hooks.register("after_create_page")
def provision_new_region_or_organisation(request, page):
    if isinstance(page, RegionPage):
        services.region_provision(region=page)
    elif isinstance(page, OrganisationPage):
        services.organisation_provision(organisation=page)


class ReadsReportMenuItem(MenuItem):
    def is_shown(self, request):
        return user_sees_reads_report(request.user)


@hooks.register("register_reports_menu_item")
def register_reads_report_menu_item():
    return ReadsReportMenuItem(
        _("Reads of interventions"),
        reverse("samverkan_reads_report"),
        icon_name="view",
        order=55,
    )


@hooks.register("register_admin_urls")
def register_reads_report_urls():
    return [
        path("reports/reads/", ReadsReportView.as_view(), name="samverkan_reads_report")
    ]


@hooks.register("before_serve_document")
def withhold_unapproved_minutes(document, request):
    if document_is_withheld(document=document, user=request.user):
        raise Http404


# Wagtail's help menu links to its English guide and release notes on
# wagtail.org; in their place the personas' Swedish guides (cms/content/help.py).
# Keyboard shortcuts stay.
ENGLISH_HELP_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("construct_help_menu")
def leave_out_wagtails_english_guides(request, items):
    items[:] = [item for item in items if not item.name.startswith(ENGLISH_HELP_ITEMS)]


def _guide_menu_item(name, order):
    return lambda: help.GuideMenuItem(name, order=order)


for _order, _name in enumerate(help.GUIDES, start=900):
    hooks.register("register_help_menu_item", _guide_menu_item(_name, _order))


@hooks.register("register_admin_urls")
def register_guide_urls():
    return [path("help/<slug:name>/", help.GuideView.as_view(), name="samverkan_guide")]


@hooks.register("construct_page_action_menu")
def hide_convert_to_alias_where_impossible(menu_items, request, context):
    """No "Convert to alias page" on a page type that cannot have aliases."""
    page = context.get("page")
    if page is not None and not page_model_can_be_alias(page.specific_class):
        menu_items[:] = [i for i in menu_items if i.name != "localize-convert-to-alias"]


@hooks.register("construct_reports_menu")
def hide_translations_report_from_editors(request, menu_items):
    """wagtail-localize's translations report names every organisation's
    translations: superusers only (cms/translations/admin_views.py)."""
    if request.user.is_superuser:
        return
    url = reverse("wagtail_localize:translations_report")
    menu_items[:] = [item for item in menu_items if item.url != url]


@hooks.register("construct_explorer_page_queryset")
def annotate_explorer_translation_actions(parent_page, pages, request):
    """The page explorer's rows carry what the translation buttons need."""
    return with_translation_actions(pages)
