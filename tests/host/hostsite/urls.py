"""The host's URLs: its own in front, then Samverkan's (samverkan.urls)."""

from django.contrib import admin
from django.urls import path

from samverkan.urls import urlpatterns as samverkan_urlpatterns

urlpatterns = [
    path("django-admin/", admin.site.urls),
    *samverkan_urlpatterns,
]

handler500 = "cms.http.errors.server_error"
