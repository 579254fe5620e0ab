"""URLs of the Open Referral HSDS 3 view (/api/hsds/). HSDS paths have no
trailing slash; both forms are accepted."""

from django.urls import include, re_path

from delivery.api.conditional import conditional_cached
from delivery.hsds.views import (
    HsdsRootView,
    OrganizationDetailView,
    OrganizationListView,
    ServiceDetailView,
    ServiceListView,
    TaxonomyDetailView,
    TaxonomyListView,
    TaxonomyTermDetailView,
    TaxonomyTermListView,
)

app_name = "api-hsds"

# Services are interventions: their list and details follow the intervention
# versions, as the delivery API's do (cms.changes.version). Organizations
# (which list their services), taxonomies and the root follow every change.
#
# At /api/hsds/ for every region, and below each region's own root,
# /api/hsds/regions/<slug>/ (delivery.api.regions).
partner_urlpatterns = [
    re_path(r"^$", conditional_cached(HsdsRootView.as_view()), name="root"),
    re_path(
        r"^services/?$",
        conditional_cached(ServiceListView.as_view(), kind="intervention"),
        name="service-list",
    ),
    re_path(
        r"^services/(?P<id>[^/]+)/?$",
        conditional_cached(ServiceDetailView.as_view(), kind="intervention"),
        name="service-detail",
    ),
    re_path(
        r"^organizations/?$",
        conditional_cached(OrganizationListView.as_view()),
        name="organization-list",
    ),
    re_path(
        r"^organizations/(?P<id>[^/]+)/?$",
        conditional_cached(OrganizationDetailView.as_view()),
        name="organization-detail",
    ),
    re_path(
        r"^taxonomies/?$",
        conditional_cached(TaxonomyListView.as_view()),
        name="taxonomy-list",
    ),
    re_path(
        r"^taxonomies/(?P<id>[^/]+)/?$",
        conditional_cached(TaxonomyDetailView.as_view()),
        name="taxonomy-detail",
    ),
    re_path(
        r"^taxonomy_terms/?$",
        conditional_cached(TaxonomyTermListView.as_view()),
        name="taxonomy-term-list",
    ),
    re_path(
        r"^taxonomy_terms/(?P<id>[^/]+)/?$",
        conditional_cached(TaxonomyTermDetailView.as_view()),
        name="taxonomy-term-detail",
    ),
]

urlpatterns = [
    *partner_urlpatterns,
    re_path(r"^regions/(?P<region>[-\w]+)/", include(partner_urlpatterns)),
]
