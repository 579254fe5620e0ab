"""The base of the admin's page listings (intervention bank, news, meetings,
projects): their menu item is shown only to users the listing lets in."""

from wagtail.admin.menu import MenuItem
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
