"""Public (non-admin) URLs of the cms app, included by config.urls."""

from django.urls import path

from cms.reviews import views as review_views
from cms.scoping import page_password
from cms.suggestions import views as suggestion_views

urlpatterns = [
    # Wagtail's page-password form, throttled (ahead of Wagtail's own route).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/"
        "<int:page_id>/",
        page_password.authenticate_with_password,
    ),
    path("forslag/", suggestion_views.suggest, name="intervention_suggest"),
    path(
        "forslag/tack/",
        suggestion_views.suggest_thanks,
        name="intervention_suggest_thanks",
    ),
    path("granskning/<str:token>/", review_views.review_link, name="review_link"),
]
