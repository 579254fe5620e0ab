"""The reference host's URLs: Samverkan's (samverkan/urls.py), as the
install guide tells a host (docs/operations/install.md), plus the uploaded
files while developing."""

from django.conf import settings

from samverkan.urls import handler500, urlpatterns

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + [
        *urlpatterns
    ]

__all__ = ["handler500", "urlpatterns"]
