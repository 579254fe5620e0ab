"""Wagtail's users app with user management scoped to the central
administrator's region (cms/viewsets/users.py). Listed in INSTALLED_APPS
in place of `wagtail.users`."""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(WagtailUsersAppConfig):
    user_viewset = "cms.viewsets.users.ScopedUserViewSet"

    def ready(self):
        super().ready()
        from wagtail import hooks

        from cms.viewsets.users import user_bulk_action_guard

        hooks.register("before_bulk_action", user_bulk_action_guard)
