from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.api.wagtail_v2 import api_router
from cms.health import health_view

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include("cms.api.urls")),
    path("api/v2/", api_router.urls),
    path("api/hsds/", include("cms.api.hsds.urls")),
    path("health/", health_view, name="health"),
    path("feeds/", include("cms.feeds.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("", include("cms.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler500 = "cms.errors.server_error"
