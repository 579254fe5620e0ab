from django.urls import path

from newsletter.feeds import ArchiveFeed
from newsletter.views import public, webhooks

app_name = "samverkan_newsletter"

urlpatterns = [
    path("subscribe/", public.subscribe, name="subscribe"),
    path("confirm/<str:token>/", public.confirm, name="confirm"),
    path("unsubscribe/<uuid:token>/", public.unsubscribe, name="unsubscribe"),
    path("preferences/<uuid:token>/", public.preferences, name="preferences"),
    path("preferences/<uuid:token>/export/", public.export, name="export"),
    path("preferences/<uuid:token>/erase/", public.erase, name="erase"),
    path("archive/", public.archive, name="archive"),
    path("archive/rss.xml", ArchiveFeed(), name="archive_feed"),
    path("archive/<int:pk>/", public.archive_issue, name="archive_issue"),
    path("webhooks/bounces/", webhooks.bounces, name="bounces_webhook"),
]
