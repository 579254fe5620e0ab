"""Registration only: the newsletter's menu, viewsets and admin URLs."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from newsletter.models import Audience, NewsletterIssue, Subscriber
from newsletter.views import admin as views


class IssueViewSet(SnippetViewSet):
    model = NewsletterIssue
    icon = "mail"
    menu_label = _("Issues")
    list_display = ["subject", "status", "scheduled_at", "started_at"]
    list_filter = ["status"]


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    icon = "user"
    list_display = ["email", "name", "organisation", "status", "confirmed_at"]
    list_filter = ["status", "audiences", "consent_source"]
    search_fields = ["email", "name", "organisation"]


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    list_display = ["name", "slug", "public"]


class NewsletterViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Newsletter")
    menu_icon = "mail"
    menu_order = 250
    items = (IssueViewSet, SubscriberViewSet, AudienceViewSet)


register_snippet(NewsletterViewSetGroup)


@hooks.register("register_admin_urls")
def register_newsletter_admin_urls():
    return [
        path(
            "newsletter/issues/<int:pk>/sending/",
            views.issue_sending,
            name="samverkan_newsletter_sending",
        ),
        path(
            "newsletter/issues/<int:pk>/fill/",
            views.issue_fill,
            name="samverkan_newsletter_fill",
        ),
        path(
            "newsletter/issues/<int:pk>/test/",
            views.issue_test_send,
            name="samverkan_newsletter_test",
        ),
        path(
            "newsletter/issues/<int:pk>/schedule/",
            views.issue_schedule,
            name="samverkan_newsletter_schedule",
        ),
        path(
            "newsletter/issues/<int:pk>/<slug:action>/",
            views.issue_action,
            name="samverkan_newsletter_action",
        ),
        path(
            "newsletter/subscribers/import/",
            views.subscribers_import,
            name="samverkan_newsletter_import",
        ),
        path(
            "newsletter/subscribers/export/",
            views.subscribers_export,
            name="samverkan_newsletter_export",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def issue_sending_button(snippet, user, next_url=None):
    if isinstance(snippet, NewsletterIssue) and user.has_perm(views.PERMISSION):
        yield ListingButton(
            _("Send…"),
            reverse("samverkan_newsletter_sending", args=[snippet.pk]),
            icon_name="mail",
            priority=5,
        )


class CentralAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return views.user_is_central_admin(request.user)


@hooks.register("register_settings_menu_item")
def register_import_menu_item():
    return CentralAdminMenuItem(
        _("Newsletter subscribers: import"),
        reverse("samverkan_newsletter_import"),
        icon_name="upload",
        order=900,
    )
