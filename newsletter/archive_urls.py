"""An archived issue in every content language: the host includes these
under its language prefixes (config/urls.py, in i18n_patterns), so that
/newsletter/archive/<pk>/ shows the Swedish issue and
/ar/newsletter/archive/<pk>/ its Arabic translation."""

from django.urls import path

from newsletter.views import public

app_name = "samverkan_newsletter_archive"

urlpatterns = [path("archive/<int:pk>/", public.archive_issue, name="issue")]
