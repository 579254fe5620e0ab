"""Organisation- and region-scoped permissions.

Scoping rests on one mechanism, Wagtail's page permissions, which pass down
the page tree: a region's central administrators hold rights on the region
page, an organisation's editors on the organisation page. Snippets that
belong to an organisation or a region (people, groups) are scoped by the same
rights, so there is a single source of truth for who may edit what.
"""

from django.db.models import Q

from wagtail.models import PagePermissionTester
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy


def _change_paths(user) -> list[str]:
    """Tree paths of the pages on which the user holds the 'change' right."""
    policy = PagePermissionPolicy()
    return [
        perm.page.path
        for perm in policy.get_cached_permissions_for_user(user)
        if perm.permission.codename == "change_page"
    ]


def change_paths_of(user) -> list[str]:
    """Tree paths of the pages on which the user holds the 'change' right:
    their organisation's page for an editor, the region's page for its
    central administrators."""
    return _change_paths(user)


def editable_pages_q(user, *, field: str = "") -> Q:
    """A filter on pages (or on a page foreign key named `field`) matching the
    pages the user may change. Superusers match everything."""
    prefix = f"{field}__" if field else ""
    if user.is_superuser:
        return Q()
    query = Q(pk__in=[])
    for path in _change_paths(user):
        query |= Q(**{f"{prefix}path__startswith": path})
    return query


def user_can_change_page_subtree(user, page) -> bool:
    """True if the user may change `page` (directly or through an ancestor)."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(page.path.startswith(path) for path in _change_paths(user))


def user_is_central_for(user, page) -> bool:
    """True if the user holds rights above `page` in the tree: a central
    administrator of its region, or a superuser."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(
        page.path.startswith(path) and len(path) < len(page.path)
        for path in _change_paths(user)
    )


class OrganisationPagePermissionTester(PagePermissionTester):
    """An organisation's own editors edit its page and everything below it,
    but only central administrators delete, unpublish, move, copy or lock the
    organisation page itself."""

    def _central(self) -> bool:
        return user_is_central_for(self.user, self.page)

    def can_delete(self, ignore_bulk=False):
        return self._central() and super().can_delete(ignore_bulk=ignore_bulk)

    def can_unpublish(self):
        return self._central() and super().can_unpublish()

    def can_move(self):
        return self._central() and super().can_move()

    def can_copy(self):
        return self._central() and super().can_copy()

    def can_lock(self):
        return self._central() and super().can_lock()

    def can_unlock(self):
        return self._central() and super().can_unlock()

    def can_set_view_restrictions(self):
        return self._central() and super().can_set_view_restrictions()


class ScopedModelPermissionPolicy(ModelPermissionPolicy):
    """Model permissions (add, change, delete, view) that apply only to the
    objects within the user's scope, given by a selector such as
    `people_editable_by`."""

    def __init__(self, model, *, scope):
        super().__init__(model)
        self.scope = scope

    def _in_scope(self, user, instance) -> bool:
        return self.scope(user=user).filter(pk=instance.pk).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self._in_scope(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self._in_scope(
            user, instance
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.scope(user=user)

    def users_with_any_permission_for_instance(self, actions, instance):
        # Nobody is notified per instance; fall back to model-wide holders.
        return self.users_with_any_permission(actions)
