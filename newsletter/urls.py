from anymail import urls as anymail_urls

from django.urls import URLPattern, include, path

from newsletter.feeds import ArchiveFeed
from newsletter.views import public, webhooks

app_name = "samverkan_newsletter"

# anymail's tracking webhooks (not its inbound ones: we receive no mail), each
# behind the basic auth check of webhooks.provider_webhook.
provider_webhooks = [
    URLPattern(
        route.pattern, webhooks.provider_webhook(route.callback), name=route.name
    )
    for route in anymail_urls.urlpatterns
    if route.name.endswith("tracking_webhook")
]

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
    path("webhooks/anymail/", include((provider_webhooks, "anymail"))),
]
