"""wagtail-localize's admin views, narrowed to what a user may edit.

wagtail-localize asks only for its `submit_translation` right before it
translates a page or snippet, syncs translations from a source, lists its
snippet API or shows its translations report: any editor could translate
(and so read the drafts of) another organisation's pages. These wrappers are
routed in config/urls.py ahead of wagtail-localize's own URLs, at the same
paths: a user may translate or sync only what they may edit, the snippet API
serves only translatable snippets the user may change, and the report (which
names every organisation's translations) is for superusers. The translation
editor's own views (strings, overrides, PO files, preview, machine
translation, stop) check the edit right of the translated page themselves,
which cms.translations.rights makes the source organisation's.

Tested in tests/cms/translations/test_translation_scoping.py and by the
permission matrix.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from wagtail.models import Page, TranslatableMixin
from wagtail.permissions import policy_registry
from wagtail_localize.models import TranslationSource
from wagtail_localize.views import convert, report, snippets_api, submit_translations
from wagtail_localize.views import update_translations as localize_update


def user_can_edit_object(user, instance) -> bool:
    """May `user` edit `instance`, a page or a snippet?"""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    policy = policy_registry.get_by_type(type(instance))
    if policy is None:
        return False
    return policy.user_has_permission_for_instance(user, "change", instance)


class ScopedSubmitPageTranslationView(submit_translations.SubmitPageTranslationView):
    def get_object(self):
        page = super().get_object()
        if not user_can_edit_object(self.request.user, page):
            raise PermissionDenied
        return page


class ScopedSubmitSnippetTranslationView(
    submit_translations.SubmitSnippetTranslationView
):
    def get_object(self):
        instance = super().get_object()
        if not user_can_edit_object(self.request.user, instance):
            raise PermissionDenied
        return instance


class ScopedUpdateTranslationsView(localize_update.UpdateTranslationsView):
    def get_object(self):
        source = get_object_or_404(
            TranslationSource, id=self.kwargs["translation_source_id"]
        )
        instance = source.get_source_instance()
        if not user_can_edit_object(self.request.user, instance):
            raise PermissionDenied
        return source


class ScopedSnippetViewSet(snippets_api.SnippetViewSet):
    def get_model(self):
        model = super().get_model()
        if not issubclass(model, TranslatableMixin):
            raise Http404
        return model

    def get_queryset(self):
        model = self.get_model()
        policy = policy_registry.get_by_type(model)
        if policy is None:
            return model._default_manager.none()
        return policy.instances_user_has_permission_for(self.request.user, "change")


def page_model_can_be_alias(model) -> bool:
    """Wagtail's aliases copy every field: a page type with a unique field
    of its own (an intervention's stable id, an organisation's editors
    group) cannot have an alias."""
    return not any(
        getattr(field, "unique", False) and not field.primary_key
        for field in model._meta.concrete_fields
        if field.model is not Page
    )


def convert_to_alias_where_possible(request, page_id):
    """wagtail-localize's "convert to alias", which for a page type that
    cannot have an alias failed on the unique field (a 500): those get a
    message and go back to their edit view."""
    page = get_object_or_404(Page, id=page_id)
    if not page_model_can_be_alias(page.specific_class):
        messages.error(
            request,
            _("A translation of this kind of page cannot become an alias page."),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return convert.convert_to_alias(request, page_id)


class SuperuserTranslationsReportView(report.TranslationsReportView):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
