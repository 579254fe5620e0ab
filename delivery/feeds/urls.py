"""Public feed URLs, included at `/feeds/` by config.urls."""

from django.urls import include, path

from cms.deadlines.views import deadlines_ics
from delivery.feeds import events, news

app_name = "feeds"

# For every region, and below each region's own root,
# /feeds/regions/<slug>/ (delivery.api.regions).
partner_urlpatterns = [
    path("news.rss", news.news_rss, name="news_rss"),
    path("news.atom", news.news_atom, name="news_atom"),
    path("events.ics", events.events_ics, name="events_ics"),
]

urlpatterns = [
    *partner_urlpatterns,
    path("regions/<slug:region>/", include(partner_urlpatterns)),
    # A central administrator's private deadlines calendar (cms.deadlines).
    path("deadlines/<str:token>.ics", deadlines_ics, name="deadlines_ics"),
]
