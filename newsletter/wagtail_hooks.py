"""Registration only: the newsletter's menu, viewsets and admin URLs."""

from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cms.viewsets.community import ScopedForeignKeyForm, ScopedSnippetViewSet
from newsletter.filters import SubscriberFilterSet
from newsletter.forms import audience_with_region
from newsletter.models import Audience, NewsletterIssue, Subscriber
from newsletter.scoping import newsletter_regions_of
from newsletter.selectors import audiences_of, issues_of, subscribers_of
from newsletter.views import admin as views


class RegionalForm(ScopedForeignKeyForm):
    """The region among the user's, audiences among their regions' and of
    the chosen region (a communicator works for their regions only)."""

    scoped_fields = {"region": newsletter_regions_of, "audiences": audiences_of}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        region = self.fields.get("region")
        if region is not None:
            region.required = True
            choices = list(region.queryset[:2])
            if len(choices) == 1:  # nothing to choose: their one region
                region.empty_label = None
                if self.instance.region_id is None:
                    self.initial["region"] = choices[0].pk
            elif "audiences" in self.fields:  # which region's audience is which
                audiences = self.fields["audiences"]
                audiences.queryset = audiences.queryset.select_related("region")
                audiences.label_from_instance = audience_with_region

    def clean(self):
        cleaned = super().clean()
        region = cleaned.get("region")
        audiences = cleaned.get("audiences") or []
        if region is not None and any(a.region_id != region.pk for a in audiences):
            self.add_error(
                "audiences", _("Choose audiences of the chosen region only.")
            )
        return cleaned


class IssueViewSet(ScopedSnippetViewSet):
    model = NewsletterIssue
    scope = issues_of
    # The model's panels (translations inline included), with the form that
    # keeps the region and audiences to the user's.
    edit_handler = ObjectList(NewsletterIssue.panels, base_form_class=RegionalForm)
    icon = "mail"
    menu_label = _("Issues")
    list_display = ["subject", "region", "status", "scheduled_at", "started_at"]
    list_filter = ["status"]


class SubscriberViewSet(ScopedSnippetViewSet):
    model = Subscriber
    scope = subscribers_of
    edit_handler = ObjectList(
        [
            FieldPanel("region", widget=forms.Select),
            *(
                FieldPanel(name)
                for name in (
                    "email",
                    "name",
                    "organisation",
                    "language",
                    "audiences",
                    "status",
                    "consent_at",
                    "consent_source",
                    "consent_detail",
                    "consent_policy_version",
                    "consent_ip",
                    "confirmed_at",
                    "unsubscribed_at",
                    "soft_bounces",
                )
            ),
        ],
        base_form_class=RegionalForm,
    )
    icon = "user"
    list_display = ["email", "name", "organisation", "status", "confirmed_at"]
    filterset_class = SubscriberFilterSet
    search_fields = ["email", "name", "organisation"]


class AudienceViewSet(ScopedSnippetViewSet):
    model = Audience
    scope = audiences_of
    edit_handler = ObjectList(
        [
            FieldPanel("region", widget=forms.Select),
            *(FieldPanel(name) for name in ("name", "slug", "description", "public")),
        ],
        base_form_class=RegionalForm,
    )
    icon = "group"
    list_display = ["name", "slug", "region", "public"]


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
