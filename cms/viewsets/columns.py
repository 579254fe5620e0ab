"""Listing columns shared by the cms listings."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column
from wagtail.admin.ui.tables.pages import PageTitleColumn, ParentPageColumn

from cms.languages import language_name


class PublishedTitleColumn(PageTitleColumn):
    """Wagtail's page title column, but a page the user may not edit shows
    its published title: the latest draft title (Wagtail's default) is
    unpublished work of another organisation."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        if instance.live and not context["page_perms"].can_edit():
            instance.draft_title = instance.title  # in memory, for this row
        return context


class PublishedParentPageColumn(ParentPageColumn):
    """Wagtail's parent page column, with the same rule for the parent's
    title as PublishedTitleColumn."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        parent = context.get("value")
        user = parent_context["request"].user
        hidden = (
            parent is not None
            and parent.live
            and not parent.permissions_for_user(user).can_edit()
        )
        if hidden:
            parent.specific_deferred.draft_title = parent.title
        return context


class TranslationColumn(Column):
    """The page's language, and "outdated translation" when its Swedish
    source has changed since it was last published (the listing's queryset
    is annotated by cms.translations.selectors.with_translation_state)."""

    cell_template_name = "samverkan_cms/columns/translation.html"

    def __init__(self, name="locale", **kwargs):
        kwargs.setdefault("label", _("Language"))
        super().__init__(name, **kwargs)

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        locale = getattr(instance, "locale", None)
        context["language"] = language_name(locale.language_code) if locale else ""
        context["outdated_since"] = getattr(
            instance, "translation_outdated_since", None
        )
        return context
