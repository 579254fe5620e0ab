"""Samverkan's URLs, in the order they must be tried
(docs/operations/install.md). A host uses them as its root URLconf
(ROOT_URLCONF = "samverkan.urls") or puts its own patterns in front:

    from samverkan.urls import urlpatterns as samverkan_urlpatterns
    urlpatterns = [path("my-own/", ...), *samverkan_urlpatterns]

(`include()` cannot take them: the public site's /<lang>/ prefixes need the
root URLconf.) Order matters: the side doors, Wagtail admin views narrowed
to what a user may know, answer before Wagtail's own views at the same
paths; the public site, whose page serving matches every path, is last.
cms/checks.py reports side doors that Wagtail's views shadow."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from cms.http.health import health_view
from cms.scoping import side_doors
from cms.translations import admin_views as translation_views
from delivery.api.wagtail_v2 import api_router

# Wagtail admin views narrowed to what a user may know (cms/scoping/side_doors.py),
# at Wagtail's own paths, so they answer first.
side_door_urls = [
    path("choose-page/", side_doors.PageChooserBrowseView.as_view()),
    path("choose-page/search/", side_doors.PageChooserSearchView.as_view()),
    path(
        "choose-page/chosen-multiple/",
        side_doors.PageChosenMultipleView.as_view(),
    ),
    path(
        "choose-page/<int:parent_page_id>/",
        side_doors.PageChooserBrowseView.as_view(),
    ),
    path("pages/<int:page_id>/copy/", side_doors.ScopedCopyView.as_view()),
    path("tag-autocomplete/", side_doors.tag_autocomplete),
    path(
        "tag-autocomplete/<slug:app_name>/<slug:model_name>/",
        side_doors.tag_autocomplete,
    ),
    path(
        "pages/workflow/confirm_cancellation/<int:page_id>/",
        side_doors.confirm_workflow_cancellation,
    ),
    # wagtail-localize's views, narrowed to what the user may edit
    # (cms/translations/admin_views.py).
    path(
        "localize/submit/page/<int:page_id>/",
        translation_views.ScopedSubmitPageTranslationView.as_view(),
    ),
    path(
        "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
        translation_views.ScopedSubmitSnippetTranslationView.as_view(),
    ),
    path(
        "localize/update/<int:translation_source_id>/",
        translation_views.ScopedUpdateTranslationsView.as_view(),
    ),
    path(
        "localize/api/snippets/<slug:app_label>/<slug:model_name>/",
        translation_views.ScopedSnippetViewSet.as_view({"get": "list"}),
    ),
    path(
        "localize/api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/",
        translation_views.ScopedSnippetViewSet.as_view({"get": "retrieve"}),
    ),
    path(
        "localize/page/<int:page_id>/convert_to_alias/",
        translation_views.convert_to_alias_where_possible,
    ),
    path(
        "localize/reports/translations/",
        translation_views.SuperuserTranslationsReportView.as_view(),
    ),
    path(
        "localize/reports/translations/results/",
        translation_views.SuperuserTranslationsReportView.as_view(results_only=True),
    ),
]

urlpatterns = [
    path("admin/", include(decorate_urlpatterns(side_door_urls, require_admin_access))),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include("delivery.api.urls")),
    path("api/v2/", api_router.urls),
    path("api/hsds/", include("delivery.hsds.urls")),
    path("health/", health_view, name="health"),
    path("feeds/", include("delivery.feeds.urls")),
    path("newsletter/", include("newsletter.urls")),
    # The page-password form (throttled), suggestions, review links.
    path("", include("cms.urls")),
]

# The public site in every content language: Swedish unprefixed, the others
# under /<lang>/ (web.languages chooses the language by the path alone).
urlpatterns += i18n_patterns(
    # An archived newsletter issue in its translations' languages.
    path("newsletter/", include("newsletter.archive_urls")),
    path("", include("web.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# A 500 page in the site's layout; a host's root URLconf repeats this line
# when it is not samverkan.urls itself.
handler500 = "cms.http.errors.server_error"
