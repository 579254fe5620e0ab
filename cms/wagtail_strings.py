"""Wagtail's own strings that Wagtail 8.0 ships without Swedish, named here
so that makemessages keeps them in cms/locale/sv (cms comes before Wagtail
in INSTALLED_APPS, so its catalog wins) with the Swedish the personas read.
Never imported: the module exists for the message extractor. The strings of
Wagtail's scripts are in config/locale/sv/LC_MESSAGES/djangojs.po.
tests/cms/test_swedish_admin.py checks that every string the admin shows
is Swedish."""

from django.utils.translation import gettext_noop as _
from django.utils.translation import ngettext

STRINGS = (
    _("any"),
    _('You do not have permission to publish pages at "%(page_title)s"'),
    _("Actions (footer)"),
    _(
        'There are no %(model_name)s to display. Why not <a href="%(add_url)s">add one</a>?'
    ),
    _('The %(model_name)s "%(title)s" has been rejected during "%(task)s".'),
    _(
        'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage "%(task)s".'
    ),
    _(
        'The %(model_name)s "%(title)s" has been submitted for approval to moderation stage "%(task)s".'
    ),
    _(
        'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage "%(task)s"'
    ),
    _('The %(model_name)s "%(title)s" has been approved in workflow "%(workflow)s".'),
    _(
        'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s" by %(rejector)s.'
    ),
    _(
        'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s".'
    ),
    _('The %(model_name)s "%(title)s" has been rejected during "%(workflow)s".'),
    _(
        'The %(model_name)s "%(title)s" has been submitted for moderation to workflow "%(workflow)s" by %(requester)s.'
    ),
    _(
        'The %(model_name)s "%(title)s" has been submitted for moderation to workflow "%(workflow)s".'
    ),
    _('The %(model_name)s "%(title)s" has been submitted to workflow "%(workflow)s"'),
    _("Changing the privacy for this page has been disabled."),
    _(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s across entire site."
    ),
    _(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s in '<span class=\"w-title-ellipsis\">%(title)s</span>'."
    ),
    _("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
    _("Choose when this %(model_name)s should go live and/or expire"),
    _("Anyone with editing permissions can create schedules"),
    _("But only those with publishing permissions can make them effective."),
    _("App"),
    _("%(field_label)s:"),
    _("Saved"),
    _("Autosave is paused"),
    _("Edit account avatar"),
    _("You saved a new version in another window"),
    _("System"),
    _("%(user_name)s saved a new version"),
    _("View latest version"),
    _("%(user_name)s has unsaved changes"),
    _("Currently idle"),
    _("Currently viewing"),
    _("Proceeding will overwrite the changes you made in that window."),
    _("Proceeding will overwrite the changes made by %(user_name)s."),
    _("Alternatively, you can view the latest version in a new tab."),
    _("A network error occurred"),
    _(
        "Troubleshoot your connection to the site before proceeding. Open the editor in a separate tab to view the last saved version."
    ),
    _("account"),
    _(
        "Keyboard shortcuts are currently disabled; manage your %(account_link)s to enable them."
    ),
    _("Minimap"),
    _("Side panels"),
    _("Side panel width"),
    _("Show issue"),
    _("Expiry:"),
    _("To be created by %(user)s"),
    _("Invalid schedule"),
    _("Go-live:"),
    _("Once scheduled:"),
    _("Refreshing…"),
    _("Refresh"),
    _("Autosave is <span>paused</span>"),
    _("One or more references to this %(model_name)s prevent it from being deleted."),
    _("Disable custom ordering"),
    _("Enable custom ordering"),
    _("This workflow is disabled so it cannot be assigned to any snippets."),
    _(
        'Why not <a class="create-one-now" href="#tab-new" data-action="w-tabs#select:prevent" data-w-tabs-target="trigger" data-w-tabs-focus-param="true">create one now</a>?'
    ),
    _("Cancelled by %(cancelled_by)s"),
    _("Changes requested %(finished_at)s"),
    _("'%(page_title)s' has been moved successfully."),
    _(
        "Focus on the drag button and press up or down arrows to move the item, then press enter to submit the change."
    ),
    _("Button text is empty"),
    _("Use meaningful text for screen reader users"),
    _("Empty heading found"),
    _("Table header text is empty"),
    _("Empty frame title found"),
    _("Use a meaningful title for screen reader users"),
    _("Incorrect heading hierarchy"),
    _("Avoid skipping levels"),
    _("Input button text is empty"),
    _("Link text is empty"),
    _("Misusing paragraphs as headings"),
    _("Use proper heading tags"),
    _("Image alt text has inappropriate pattern"),
    _("Use meaningful text"),
    _("Meta description is empty"),
    _("Add a concise description for search engines"),
    _("%(classname)s object (%(id)s)"),
    _("There are no %(model_name)s to display."),
    _("%(model_name)s '%(object)s' has been scheduled for publishing."),
    _("%(model_name)s '%(object)s' created and scheduled for publishing."),
    _(
        "%(model_name)s '%(object)s' is live and this version has been scheduled for publishing."
    ),
    _("%(model_name)s '%(object)s' updated and published."),
    _("%(model_name)s '%(object)s' created and published."),
    _("%(model_name)s '%(object)s' has been submitted for moderation."),
    _("%(model_name)s '%(object)s' created and submitted for moderation."),
    _("Workflow on %(model_name)s '%(object)s' has been cancelled."),
    _("Saving will overwrite a newer version."),
    _("The %(model_name)s could not be saved as it is locked"),
    _(
        "You are viewing a previous version of this %(model_name)s from <b>%(created_at)s</b> by %(user)s"
    ),
    _("%(model_name)s '%(object)s' has been replaced with version from %(timestamp)s."),
    _("%(related_model_name)s %(field_label)s"),
    _("Sort item order"),
    _("There are validation errors, click save to highlight them."),
    _("Compare"),
    _("Preview for %(block_label)s (%(block_type)s)"),
    _("The %(model_name)s '%(title)s' is not currently awaiting moderation."),
    _(
        "The %(model_name)s '%(title)s' is not currently awaiting moderation in task '%(task_name)s'."
    ),
    _("Privacy is inherited from the ancestor page - %(ancestor_page)s"),
    _("%(parent_pages)s and %(child_pages)s have been deleted"),
    _("%(parent_pages)s and %(child_pages)s have been published"),
    _("%(parent_pages)s and %(child_pages)s have been unpublished"),
    _("Create a new %(model_name)s"),
    _("Request to create %(model_name)s was blocked by hook."),
    _("Request to edit %(model_name)s was blocked by hook."),
    _("The page could not be saved as it is locked."),
    _("Date updated"),
    _("Exploring"),
    _(
        "The slug '%(page_slug)s' is already in use at the selected parent page. Make sure the slug is unique and try again."
    ),
    _("Placeholder title"),
    _("Locked by"),
    _("Anyone"),
    _("Page/Snippet Type"),
    _(
        "The name '%(duplicate_clean_name)s' is already assigned to this field and cannot be changed. Please enter a different label for the conflicting field."
    ),
    _(
        "Field name '%(duplicate_clean_name)s' conflicts with another field. Please change the label."
    ),
    _("%(model)s permissions"),
    _("Maximum filesize: %(max_upload_size)s."),
    _("unknown number"),
    _("The filter options you have selected are not valid."),
    _("Yes, revoke"),
    _("No, don't revoke"),
    _(
        'The token "%(name)s" has been created, copy it now, it will never be shown again.'
    ),
    _("API token"),
    _("Copy token"),
    _("Back to API tokens"),
    _("Copying failed — please select and copy the token manually."),
    _("Last used"),
    _("Revoke"),
    _("API token created"),
    _("Never"),
    _("Are you sure you want to revoke this API token?"),
    _("API token '%(name)s' revoked."),
    _("API tokens"),
)


def _plurals(n):  # never called: the extractor reads the plural forms
    return (
        ngettext(
            "This action will delete <b>%(total_pages_formatted)s</b> page in total.",
            "This action will delete <b>%(total_pages_formatted)s</b> pages in total.",
            n,
        ),
        ngettext(
            "One other user is currently viewing",
            "%(num_user)s other users are currently viewing",
            n,
        ),
        ngettext("1 snippet type", "%(counter)s snippet types", n),
        ngettext(
            "%(num_parent_objects)d page has been deleted",
            "%(num_parent_objects)d pages have been deleted",
            n,
        ),
        ngettext("%(num_parent_objects)d page", "%(num_parent_objects)d pages", n),
        ngettext(
            "%(num_child_objects)d child page", "%(num_child_objects)d child pages", n
        ),
        ngettext(
            "%(num_parent_objects)d page has been published",
            "%(num_parent_objects)d pages have been published",
            n,
        ),
        ngettext(
            "%(num_parent_objects)d page has been unpublished",
            "%(num_parent_objects)d pages have been unpublished",
            n,
        ),
        ngettext(
            "This workflow is in progress on %(states_in_progress)d page/snippet. Disabling this workflow will cancel moderation on this page/snippet.",
            "This workflow is in progress on %(states_in_progress)d pages/snippets. Disabling this workflow will cancel moderation on these pages/snippets.",
            n,
        ),
        ngettext(
            "This task is in progress on %(states_in_progress)d page/snippet. Disabling this task will cause it to be skipped in the moderation workflow and not be listed for selection when editing a workflow.",
            "This task is in progress on %(states_in_progress)d pages/snippets. Disabling this task will cause it to be skipped in the moderation workflow and not be listed for selection when editing a workflow.",
            n,
        ),
    )
