"""The sync health panel on the Wagtail dashboard."""

from wagtail.admin.ui.components import Component

from sync import selectors


class SyncHealthPanel(Component):
    name = "samverkan_sync_health"
    template_name = "samverkan_sync/health_panel.html"
    order = 150

    def __init__(self, *, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {
            "health": selectors.sync_health(
                targets=selectors.targets_manageable_by(user=self.user)
            )
        }
