"""Admin registration of personal data export and erasure (called from
cms.wagtail_hooks): URLs, the suggesters menu item, and the export and
erase entries in each person's "more" menu of the people listing."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from cms.models import Person
from cms.personal_data import views


def admin_urls():
    return [
        path(
            "people/<int:pk>/export/",
            views.person_export,
            name="samverkan_person_export",
        ),
        path(
            "people/<int:pk>/erase/",
            views.person_erase,
            name="samverkan_person_erase",
        ),
        path("suggesters/", views.suggester_list, name="samverkan_suggesters"),
        path(
            "suggesters/<int:pk>/export/",
            views.suggester_export,
            name="samverkan_suggester_export",
        ),
        path(
            "suggesters/<int:pk>/erase/",
            views.suggester_erase,
            name="samverkan_suggester_erase",
        ),
    ]


def suggesters_menu_item():
    return MenuItem(
        _("Suggesters"),
        reverse("samverkan_suggesters"),
        icon_name="user",
        order=1900,
    )


def person_listing_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Person):
        return
    if user.has_perm("samverkan_cms.change_person"):
        yield Button(
            _("Export data"),
            reverse("samverkan_person_export", args=(snippet.pk,)),
            icon_name="download",
            priority=60,
        )
    if user.has_perm("samverkan_cms.delete_person"):
        yield Button(
            _("Erase data"),
            reverse("samverkan_person_erase", args=(snippet.pk,)),
            icon_name="bin",
            priority=70,
        )
