"""Public (non-admin) URLs of the cms app, included by config.urls."""

from django.urls import path

from cms import suggestion_views
from cms.reviews import views as review_views

urlpatterns = [
    path("forslag/", suggestion_views.suggest, name="intervention_suggest"),
    path(
        "forslag/tack/",
        suggestion_views.suggest_thanks,
        name="intervention_suggest_thanks",
    ),
    path("granskning/<str:token>/", review_views.review_link, name="review_link"),
]
