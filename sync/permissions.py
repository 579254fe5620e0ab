"""Who manages partner targets: the central administrators of a region (for
its own targets) and superusers. Nobody else sees them."""

from django.contrib.auth import get_user_model

from wagtail.permission_policies.base import BasePermissionPolicy

from cms.scoping.selectors import regions_administered_by
from sync.selectors import targets_manageable_by


def user_manages_targets(user) -> bool:
    return bool(
        user.is_active
        and (user.is_superuser or regions_administered_by(user=user).exists())
    )


class TargetPermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        return user_manages_targets(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            user_manages_targets(user)
            and targets_manageable_by(user=user).filter(pk=instance.pk).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not user_manages_targets(user):
            return self.model._default_manager.none()
        return targets_manageable_by(user=user)

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(is_superuser=True, is_active=True)
