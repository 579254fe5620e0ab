"""The newsletter's public pages in every content language: the host
includes these under its language prefixes (config/urls.py, in
i18n_patterns), so that /newsletter/archive/<pk>/ shows the Swedish issue
and /ar/newsletter/archive/<pk>/ its Arabic translation, and
/ar/newsletter/subscribe/ and /ar/newsletter/archive/ speak Arabic (the
unprefixed addresses are the Swedish ones, answered by newsletter.urls)."""

from django.urls import path

from newsletter.views import public

app_name = "samverkan_newsletter_archive"

urlpatterns = [
    path("subscribe/", public.subscribe, name="subscribe"),
    path("archive/", public.archive, name="archive"),
    path("archive/<int:pk>/", public.archive_issue, name="issue"),
]
