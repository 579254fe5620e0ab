"""Registration only: the partner targets viewset, its permission policy
and the dashboard health panel."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from sync.models import Target
from sync.panels import SyncHealthPanel
from sync.permissions import TargetPermissionPolicy, user_manages_targets
from sync.viewsets.targets import TargetViewSet

register_permission_policy(Target, TargetPermissionPolicy(Target))


@hooks.register("register_admin_viewset")
def register_target_viewset():
    return TargetViewSet()


@hooks.register("construct_homepage_panels")
def add_sync_health_panel(request, panels):
    if user_manages_targets(request.user):
        panels.append(SyncHealthPanel(user=request.user))
