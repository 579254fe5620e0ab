"""Wagtail's own API v2, kept for Wagtail-native consumers (/api/v2/)."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

# Pages only: Wagtail's images and documents endpoints list every file,
# including those of private collections and unapproved meeting minutes.
api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
