"""Public URLs of the built-in site, besides Wagtail's page paths (which
config.urls includes after these). Names are in the `web` namespace."""

from django.urls import path

from web.views import bank, listings, privacy, sitemap

app_name = "web"

urlpatterns = [
    path("insatser/", bank.intervention_bank, name="interventions"),
    path("nyheter/", listings.news_list, name="news"),
    path("moten/", listings.meeting_calendar, name="meetings"),
    path("grupper/", listings.group_list, name="groups"),
    path("grupper/<slug:group_slug>/", listings.group_detail, name="group_detail"),
    path(
        "grupper/<slug:region_slug>/<slug:group_slug>/",
        listings.group_moved,
        name="group_moved",
    ),
    path("personer/<uuid:person_id>/", listings.person_card, name="person"),
    path("projekt/", listings.project_list, name="projects"),
    path("tillganglighet/", listings.accessibility, name="accessibility"),
    path("integritet/", privacy.privacy, name="privacy"),
    path("sitemap.xml", sitemap.sitemap, name="sitemap"),
]
