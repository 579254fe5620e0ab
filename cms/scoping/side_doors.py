"""Wagtail admin views that said too much about other organisations' pages,
narrowed (routed in config/urls.py ahead of Wagtail's own URLs, at the same
paths, and behind the same admin login):

- the page chooser showed every live page by its latest draft title (in
  its rows and in its breadcrumbs), opened at a guessed page id it showed
  that page whatever it was, and its "chosen" answer for several ids named
  any page by its latest draft title;
- the copy form named a refused destination by its latest draft title;
- the workflow cancellation dialog of any page in moderation, with its
  workflow and task names, was open to anyone in the admin;
- the tag autocomplete offered every tag, also those that only another
  organisation's drafts and images carry (tags_known_to).

A user who may edit a page sees exactly what Wagtail shows; the rest see a
page's published title, and nothing of a page never published. Tested in
tests/cms/scoping/test_permission_matrix.py and tests/cms/scoping/test_side_doors.py."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail.admin.forms.pages import CopyForm
from wagtail.admin.utils import get_latest_str
from wagtail.admin.views import chooser, tags
from wagtail.admin.views.pages.copy import CopyView
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Page
from wagtail.permissions import policy_registry

from cms.scoping.selectors import pages_visible_in_admin, tags_known_to


def published_title_for(page, user) -> None:
    """Show `page` to `user` by its published title (in memory, for this
    answer) unless the user may edit it: its latest draft title is another
    organisation's unpublished work. A page never published has no title
    to show."""
    if page.permissions_for_user(user).can_edit():
        return
    title = page.title if page.live else _("a page you may not see")
    page.draft_title = page.specific_deferred.draft_title = title


class _PublishedTitleColumn(chooser.PageTitleColumn):
    def get_cell_context_data(self, instance, parent_context):
        published_title_for(instance, parent_context["request"].user)
        return super().get_cell_context_data(instance, parent_context)


class _PublishedParentPageColumn(chooser.ParentPageColumn):
    def get_value(self, instance):
        parent = super().get_value(instance)
        if parent is not None:
            published_title_for(parent, self.user)
        return parent

    def get_cell_context_data(self, instance, parent_context):
        self.user = parent_context["request"].user
        return super().get_cell_context_data(instance, parent_context)


def _with_published_titles(columns, *, is_multiple_choice):
    """Wagtail's chooser columns, the title columns replaced by ours."""
    mapped = []
    for column in columns:
        if type(column) is chooser.PageTitleColumn:
            column = _PublishedTitleColumn(
                column.name, label=column.label, is_multiple_choice=is_multiple_choice
            )
        elif type(column) is chooser.ParentPageColumn:
            column = _PublishedParentPageColumn(column.name, label=column.label)
        mapped.append(column)
    return mapped


def _chooser_breadcrumbs(page, request) -> list[dict]:
    """The chooser's breadcrumbs at `page` as Wagtail builds them (its
    ancestors below the user's explorable root: get_breadcrumbs_items_for_page
    in wagtail/admin/views/pages/utils.py), named by published_title_for().
    An editor of two organisations explores from the region, so Wagtail's
    showed the draft title of a third organisation above its pages."""
    policy = policy_registry.get_by_type(Page)
    root = policy.explorable_root_instance(request.user)
    if root is None:
        return []
    params = request.GET.copy()
    params.pop("p", None)
    ancestors = (
        page.get_ancestors().descendant_of(root, inclusive=True).specific(defer=True)
    )
    items = []
    for ancestor in ancestors:
        published_title_for(ancestor, request.user)
        url = reverse("wagtailadmin_choose_page_child", args=(ancestor.pk,))
        items.append(
            {"url": f"{url}?{params.urlencode()}", "label": get_latest_str(ancestor)}
        )
    return items


class PageChooserBrowseView(chooser.BrowseView):
    """Opened at a page the user may not see (another organisation's page
    that is not live): 404, as if it did not exist. Opened without a page,
    Wagtail starts at the closest common ancestor of the pages of the types
    asked for; when the user may not see that one, at the root instead. The
    breadcrumbs come from _chooser_breadcrumbs() (parent_page.
    published_breadcrumbs, read by
    cms/templates/wagtailadmin/chooser/_browse_results.html)."""

    @property
    def columns(self):
        return _with_published_titles(
            super().columns, is_multiple_choice=self.is_multiple_choice
        )

    def _may_see(self, page) -> bool:
        visible = pages_visible_in_admin(user=self.request.user, model=Page)
        return page.is_root() or visible.filter(pk=page.pk).exists()

    def get_object_list(self):
        # Wagtail's get() reads self.parent_page again after this call.
        if not self._may_see(self.parent_page):
            if self.kwargs.get("parent_page_id"):
                raise Http404
            self.parent_page = Page.get_first_root_node().specific
        parent = self.parent_page
        published_title_for(parent, self.request.user)
        parent.published_breadcrumbs = _chooser_breadcrumbs(parent, self.request)
        return super().get_object_list()


class PageChooserSearchView(chooser.SearchView):
    @property
    def columns(self):
        return _with_published_titles(
            super().columns, is_multiple_choice=self.is_multiple_choice
        )


class PageChosenMultipleView(chooser.ChosenMultipleView):
    """What the chooser sends back when several pages are ticked, by id:
    only pages the user may see (the chooser offers no others), named by
    published_title_for(). Wagtail's answered for any id."""

    def get(self, request):
        visible = pages_visible_in_admin(user=request.user, model=Page)
        pages = visible.filter(pk__in=request.GET.getlist("id")).specific()
        result = []
        for page in pages:
            published_title_for(page, request.user)
            result.append(
                {  # the fields of Wagtail's answer
                    "id": page.pk,
                    "parentId": page.get_parent().pk,
                    "adminTitle": page.get_admin_display_title(),
                    "editUrl": reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                    "url": page.url,
                }
            )
        return self.render_chosen_response(result)


class _PublishedTitlePageChooser(AdminPageChooser):
    """The form's page chooser, showing the chosen page by the title
    published_title_for() gives."""

    def __init__(self, *, user, **kwargs):
        super().__init__(**kwargs)
        self.user = user

    def get_display_title(self, instance):
        published_title_for(instance, self.user)
        return super().get_display_title(instance)


class _ScopedCopyForm(CopyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chooser_widget = self.fields["new_parent_page"].widget
        self.fields["new_parent_page"].widget = _PublishedTitlePageChooser(
            user=self.user,
            target_models=chooser_widget.target_models,
            can_choose_root=chooser_widget.can_choose_root,
            user_perms=chooser_widget.user_perms,
        )

    def clean_new_parent_page(self):
        parent = self.cleaned_data.get("new_parent_page")
        if parent is not None:
            published_title_for(parent, self.user)
        return parent


class ScopedCopyView(CopyView):
    """The copy form, whose errors name a destination the user may not edit
    by its published title. Routed for every page type: a PageViewSet with
    a copy view of its own (Samverkan registers none) would need this one
    as its base."""

    def get_form_class(self):
        form_class = super().get_form_class()
        if form_class is CopyForm:
            return _ScopedCopyForm
        return type("Scoped" + form_class.__name__, (_ScopedCopyForm, form_class), {})


def confirm_workflow_cancellation(request, page_id):
    """Wagtail's dialog, for users who may edit the page (the dialog is part
    of publishing it); 403 for everyone else."""
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    view = page_viewset_registry.as_view(
        "confirm_workflow_cancellation", page_id_kwarg="page_id"
    )
    return view(request, page_id=page_id)


def refuse_move_not_allowed(request, page_to_move, destination):
    """The move confirmation (a before_move_page hook, run for GET and POST):
    only for a move the user may make. Wagtail's page asked "move this page
    into …?" naming both pages by their latest draft titles to anyone, and
    refused only when the move was sent."""
    if not page_to_move.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


def tag_autocomplete(request, app_name=None, model_name=None):
    """Wagtail's tag autocomplete over the tags the user may know. Another
    tag model than taggit's (none in Samverkan) is left to Wagtail for
    superusers and offers nothing to the rest."""
    if (app_name, model_name) not in ((None, None), ("taggit", "tag")):
        if request.user.is_superuser:
            return tags.autocomplete(request, app_name, model_name)
        return JsonResponse([], safe=False)
    term = request.GET.get("term")
    if not term:
        return JsonResponse([], safe=False)
    names = (
        tags_known_to(user=request.user)
        .filter(name__istartswith=term)
        .order_by("name")
        .values_list("name", flat=True)[: tags.TAGS_AUTOCOMPLETE_LIMIT]
    )
    return JsonResponse(list(names), safe=False)
