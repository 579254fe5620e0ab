"""The base of the admin's page listings (intervention bank, news, meetings,
projects): their menu item is shown only to users the listing lets in."""

from wagtail.admin.menu import MenuItem
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.permission_policies.pages import PagePermissionPolicy


class PageListingMenuItem(MenuItem):
    def __init__(self, *args, required: set, **kwargs):
        super().__init__(*args, **kwargs)
        self.required = required

    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(
            request.user, self.required
        )


class TranslatedPageIndexView(IndexView):
    """A page listing whose rows carry what the translation buttons need
    (cms.translations.listing_buttons), so that the buttons ask no query
    per row."""

    def annotate_queryset(self, pages):
        from cms.translations.listing_buttons import with_translation_actions

        return with_translation_actions(super().annotate_queryset(pages))


class ScopedPageListingViewSet(PageListingViewSet):
    """Wagtail shows a page listing's menu item to everyone in the admin and
    answers "no permission" to users without any page rights (such as a
    communicator who only composes the newsletter); here the item is shown
    only to those the listing's index view lets in."""

    def get_menu_item(self, order=None):
        return PageListingMenuItem(
            label=self.menu_label,
            url=self.menu_url,
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=self.get_menu_item_order(order),
            required=set(self.index_view_class.any_permission_required),
        )


class MyInterventionsMenuItem(MenuItem):
    """ "My interventions": the bank filtered on the signed-in user as
    responsible owner (their person record), shown to users who own any."""

    def _person(self, request):
        from cms.models import Person

        return Person.objects.filter(
            user=request.user, owned_interventions__isnull=False
        ).first()

    def is_shown(self, request):
        return self._person(request) is not None

    def render_component(self, request):
        from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent

        person = self._person(request)
        url = f"{self.url}?responsible_owner={person.pk}" if person else self.url
        return LinkMenuItemComponent(
            self.name, self.label, url, icon_name=self.icon_name, attrs=self.attrs
        )


LISTINGS = {
    "interventionpage": "interventions:index",
    "newspage": "news:index",
    "meetingpage": "meetings:index",
    "projectpage": "projects:index",
}


def back_to_listing_after_publish(request, page):
    """After publishing an intervention, news item, meeting or project opened
    without a way back (`next`), the editor returns to its listing, where
    they work, instead of the page tree (an after_create_page and
    after_edit_page hook)."""
    from django.shortcuts import redirect

    if "action-publish" not in request.POST:
        return None
    if request.GET.get("next") or request.POST.get("next"):
        return None
    listing = LISTINGS.get(page.specific_class._meta.model_name)
    return redirect(listing) if listing else None
