"""Registration only: menus, viewsets and page hooks of the cms app."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from cms import selectors, services
from cms.bulk_actions import MarkReviewedBulkAction
from cms.models import CollaborationGroup, OrganisationPage, Person, RegionPage
from cms.permissions import ScopedModelPermissionPolicy
from cms.viewsets.community import CommunityViewSetGroup
from cms.viewsets.interventions import InterventionListingViewSet, TaxonomyViewSetGroup

register_permission_policy(
    Person, ScopedModelPermissionPolicy(Person, scope=selectors.people_editable_by)
)
register_permission_policy(
    CollaborationGroup,
    ScopedModelPermissionPolicy(CollaborationGroup, scope=selectors.groups_editable_by),
)
register_snippet(CommunityViewSetGroup)
register_snippet(TaxonomyViewSetGroup)
hooks.register("register_bulk_action", MarkReviewedBulkAction)


@hooks.register("register_admin_viewset")
def register_intervention_listing():
    return InterventionListingViewSet()


@hooks.register("after_create_page")
def provision_new_region_or_organisation(request, page):
    if isinstance(page, RegionPage):
        services.region_provision(region=page)
    elif isinstance(page, OrganisationPage):
        services.organisation_provision(organisation=page)
