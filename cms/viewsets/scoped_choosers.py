"""Snippet choosers that offer only the objects within the user's scope
(the same selector as the snippet's own views): the chooser modal, its
search results and the "chosen" answers for one or several ids."""

from wagtail.snippets.views import chooser


class _Scoped:
    scope = None  # a selector scope(user=...), given by the viewset

    def scoped(self):
        return self.scope(user=self.request.user)


class ScopedChooseView(_Scoped, chooser.ChooseView):
    def get_object_list(self):
        return super().get_object_list().filter(pk__in=self.scoped().values("pk"))


class ScopedChooseResultsView(_Scoped, chooser.ChooseResultsView):
    def get_object_list(self):
        return super().get_object_list().filter(pk__in=self.scoped().values("pk"))


class ScopedChosenView(_Scoped, chooser.SnippetChosenView):
    def get_object(self, pk):
        return self.scoped().get(pk=pk)  # DoesNotExist: the view's 404


class ScopedChosenMultipleView(_Scoped, chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return self.scoped().filter(pk__in=pks)


class ScopedSnippetChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView
    scope = None

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope = scope

    def get_common_view_kwargs(self, **kwargs):
        # construct_view passes it only to the views that have `scope`.
        return super().get_common_view_kwargs(scope=self.scope, **kwargs)
