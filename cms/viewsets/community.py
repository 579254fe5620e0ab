"""Admin viewsets of the cms app (registered in wagtail_hooks.py)."""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.models import CollaborationGroup, Person
from cms.scoping.selectors import (
    groups_choosable_by,
    groups_editable_by,
    organisations_editable_by,
    people_editable_by,
    regions_administered_by,
)
from cms.viewsets.scoped_choosers import ScopedSnippetChooserViewSet


class ScopedSnippetViewSet(SnippetViewSet):
    """A snippet viewset that lists, opens and acts only on objects within the
    user's scope. Every URL that names an object (edit, delete, copy, history,
    usage, inspect, preview, revisions, lock...) is guarded in one place, so a
    new Wagtail view cannot open a side door."""

    scope = None  # a selector: scope(user=...) -> queryset
    # What the chooser offers, when wider than what the user may edit.
    chooser_scope = None

    @cached_property
    def chooser_viewset(self):
        return ScopedSnippetChooserViewSet(
            self.get_chooser_admin_url_namespace(),
            model=self.model,
            url_prefix=self.get_chooser_admin_base_path(),
            icon=self.icon,
            per_page=self.chooser_per_page,
            scope=type(self).chooser_scope or type(self).scope,
        )

    def get_queryset(self, request):
        return type(self).scope(user=request.user)

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            pattern.callback = self._guard(pattern.callback)
        return patterns

    def _guard(self, view):
        scope = type(self).scope

        @wraps(view)
        def guarded(request, *args, **kwargs):
            pk = kwargs.get("pk")
            if pk is not None and not (
                scope(user=request.user).filter(pk=unquote(str(pk))).exists()
            ):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return guarded


class ScopedForeignKeyForm(WagtailAdminModelForm):
    """Limits the choices of scoped foreign keys to the user's scope, so an
    editor can neither create nor move an object into another's scope."""

    scoped_fields: dict = {}
    central_only_fields: tuple = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None:
            return
        for name, selector in self.scoped_fields.items():
            if name in self.fields:
                self.fields[name].queryset = selector(user=user)
        if not user.is_superuser and not user.has_perm("auth.change_user"):
            for name in self.central_only_fields:
                if name in self.fields:
                    self.fields[name].disabled = True


class PersonForm(ScopedForeignKeyForm):
    scoped_fields = {"organisation": organisations_editable_by}
    central_only_fields = ("user",)


class CollaborationGroupForm(ScopedForeignKeyForm):
    scoped_fields = {"region": regions_administered_by}


class PersonViewSet(ScopedSnippetViewSet):
    model = Person
    scope = people_editable_by
    icon = "user"
    menu_label = _("People")
    edit_handler = ObjectList(
        [
            FieldPanel("organisation"),
            FieldRowPanel([FieldPanel("name"), FieldPanel("title")]),
            FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
            FieldPanel("is_public"),
            FieldPanel("user"),
        ],
        base_form_class=PersonForm,
    )
    list_display = [
        "name",
        "title",
        Column("organisation", label=_("Organisation")),
        "email",
    ]
    list_filter = ["organisation"]
    search_fields = ["name", "title", "email"]
    # Searched in the database (icontains): the listing is the user's scope,
    # a filter on the organisation's tree path that a search backend cannot
    # apply to its index.
    search_backend_name = None
    ordering = ["name"]


class CollaborationGroupViewSet(ScopedSnippetViewSet):
    model = CollaborationGroup
    scope = groups_editable_by
    # A meeting's group: editors choose among the groups their organisation
    # takes part in.
    chooser_scope = groups_choosable_by
    icon = "group"
    menu_label = _("Groups")
    edit_handler = ObjectList(
        [
            FieldPanel("region"),
            FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
            FieldPanel("kind"),
            FieldPanel("description"),
            InlinePanel(
                "memberships",
                heading=_("Members"),
                label=_("Member"),
                panels=[
                    FieldPanel("person"),
                    FieldPanel("role"),
                    FieldRowPanel([FieldPanel("since"), FieldPanel("until")]),
                ],
            ),
        ],
        base_form_class=CollaborationGroupForm,
    )
    list_display = ["name", "kind", Column("region", label=_("Region"))]
    list_filter = ["kind", "region"]


class CommunityViewSetGroup(SnippetViewSetGroup):
    items = (PersonViewSet, CollaborationGroupViewSet)
    menu_icon = "group"
    menu_label = _("People and groups")
    menu_name = "people-and-groups"
