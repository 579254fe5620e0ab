"""The Open Referral HSDS 3 view of the intervention bank (/api/hsds/).

Read-only and public content only (the same selectors as the delivery API).
Property names follow the HSDS 3.0 schemas exactly; values that are unknown
are left out rather than sent as null, since the schemas do not allow null.

Every object has a stable `id`: a service is its intervention's `uuid`, an
organization its page's `translation_key`, and every nested object a UUIDv5
of HSDS_NAMESPACE and "<owner id>:<kind>:<our stable key>", so ids never
change between requests (nor between publishes, as long as the row they come
from is kept)."""

from delivery.hsds.conf import DEFAULTS, HSDS_VERSION, conf
from delivery.hsds.ids import HSDS_NAMESPACE, TAXONOMY_ID, derived_id, taxonomy_term_id
from delivery.hsds.organizations import (
    OrganizationDetailSerializer,
    OrganizationSerializer,
)
from delivery.hsds.pagination import paginate
from delivery.hsds.service_detail import BYDAY, ServiceDetailSerializer
from delivery.hsds.services import STATUS, ServiceListSerializer
from delivery.hsds.taxonomy import TaxonomyTermSerializer, taxonomy
from delivery.hsds.values import compact, plain_text
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
    organisations_context,
)

__all__ = [
    "BYDAY",
    "DEFAULTS",
    "HSDS_NAMESPACE",
    "HSDS_VERSION",
    "STATUS",
    "TAXONOMY_ID",
    "HsdsRootView",
    "OrganizationDetailSerializer",
    "OrganizationDetailView",
    "OrganizationListView",
    "OrganizationSerializer",
    "ServiceDetailSerializer",
    "ServiceDetailView",
    "ServiceListSerializer",
    "ServiceListView",
    "TaxonomyDetailView",
    "TaxonomyListView",
    "TaxonomyTermDetailView",
    "TaxonomyTermListView",
    "TaxonomyTermSerializer",
    "compact",
    "conf",
    "derived_id",
    "organisations_context",
    "paginate",
    "plain_text",
    "taxonomy",
    "taxonomy_term_id",
]
