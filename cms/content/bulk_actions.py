"""Bulk actions of the admin (registered in wagtail_hooks.py)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction

from cms import services
from cms.models import InterventionPage
from cms.reviews.selectors import user_may_mark_reviewed


class MarkReviewedBulkAction(PageBulkAction):
    """Record a review ("confirmed unchanged") of several interventions at
    once, by the one rule of user_may_mark_reviewed (the edit form's tick box
    follows it too)."""

    display_name = _("Mark as reviewed")
    action_type = "mark_reviewed"
    aria_label = _("Mark the selected interventions as reviewed")
    template_name = "samverkan_cms/bulk_actions/confirm_mark_reviewed.html"
    action_priority = 60

    def check_perm(self, page):
        page = page.specific
        if not isinstance(page, InterventionPage):
            return False
        return user_may_mark_reviewed(user=self.request.user, page=page)

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        pages = [page.specific for page in objects]
        services.interventions_mark_reviewed(pages=pages, user=user)
        return len(pages), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d intervention marked as reviewed",
            "%(count)d interventions marked as reviewed",
            num_parent_objects,
        ) % {"count": num_parent_objects}
