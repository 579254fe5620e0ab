"""Wagtail's user management, scoped to the central administrator's region
(cms/scoping/users.py). Installed through `cms.apps.UsersConfig`, which
takes the place of `wagtail.users` in INSTALLED_APPS."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as wagtail_users
from wagtail.users.views.bulk_actions.user_bulk_action import UserBulkAction

from cms.scoping.users import groups_assignable_by, users_manageable_by


class _ScopedFormMixin:
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if for_user is None or for_user.is_superuser:
            return
        self.fields.pop("is_superuser", None)
        if "groups" in self.fields:
            self.fields["groups"].queryset = groups_assignable_by(for_user)


class ScopedUserCreationForm(_ScopedFormMixin, UserCreationForm):
    pass


class ScopedUserEditForm(_ScopedFormMixin, UserEditForm):
    pass


class _ScopedViewMixin:
    """Lists and opens only the users the request's user may manage."""

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .filter(pk__in=users_manageable_by(self.request.user))
        )

    def get_object(self, *args, **kwargs):
        user = super().get_object(*args, **kwargs)
        if not users_manageable_by(self.request.user).filter(pk=user.pk).exists():
            raise Http404
        return user


class _ScopedFormViewMixin(_ScopedViewMixin):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class IndexView(_ScopedViewMixin, wagtail_users.IndexView):
    pass


class CreateView(_ScopedFormViewMixin, wagtail_users.CreateView):
    pass


class EditView(_ScopedFormViewMixin, wagtail_users.EditView):
    pass


class DeleteView(_ScopedViewMixin, wagtail_users.DeleteView):
    pass


class HistoryView(_ScopedViewMixin, wagtail_users.HistoryView):
    pass


class ScopedUserViewSet(wagtail_users.UserViewSet):
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView

    def get_form_class(self, for_update=False):
        return ScopedUserEditForm if for_update else ScopedUserCreationForm


def user_bulk_action_guard(request, action_type, objects, action_class_instance):
    """`before_bulk_action` hook: user bulk actions (delete, activate,
    assign role) only on manageable users, and a role only if assignable."""
    if not isinstance(action_class_instance, UserBulkAction):
        return None
    manageable = users_manageable_by(request.user)
    if manageable.filter(pk__in=[user.pk for user in objects]).count() != len(objects):
        raise PermissionDenied
    form = getattr(action_class_instance, "cleaned_form", None)
    role = form.cleaned_data.get("role") if form is not None else None
    if role is not None and not groups_assignable_by(request.user).contains(role):
        raise PermissionDenied
    return None
