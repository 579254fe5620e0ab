"""URLs of a careless host: Wagtail's admin before Samverkan's URLs, so
Wagtail's own views answer at the side doors' paths."""

from django.urls import include, path

from wagtail.admin import urls as wagtailadmin_urls

from samverkan.urls import urlpatterns as samverkan_urlpatterns

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    *samverkan_urlpatterns,
]
