"""The "Translate this page" and "Sync translated pages" buttons of the
admin's page listings and page headers, in place of wagtail-localize's.

wagtail-localize's hook (`page_listing_more_buttons`) asks two queries for
every row of a listing (is there a language left to translate into; is the
page a translation source with enabled translations) and offers the buttons
to anyone holding the `submit_translation` right, also on pages they may not
edit (the views behind them then refuse, cms.translations.admin_views). Ours
gives the same buttons, only to users who may translate the page (the right,
and the page's edit right), and reads the two answers from annotations that
the listings put on their queryset (`with_translation_actions`): no query
per row. A page without the annotations (a page header, Wagtail's own
explorer) asks them itself.
"""

from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

UNTRANSLATED = "_localize_has_untranslated_locale"
SYNC_SOURCE = "_localize_sync_source_id"
NOT_ANNOTATED = object()


def with_translation_actions(pages: QuerySet) -> QuerySet:
    """`pages` annotated with what the translation buttons need: whether a
    language is left that the page has no translation in (aliases do not
    count, as in wagtail-localize) and the id of the page's translation
    source when it has an enabled translation. Two subqueries, no query per
    row."""
    translated = Page.objects.filter(
        translation_key=OuterRef(OuterRef("translation_key")),
        alias_of__isnull=True,
    ).values("locale_id")
    sources = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"),
        locale_id=OuterRef("locale_id"),
        translations__enabled=True,
    ).values("pk")[:1]
    return pages.annotate(
        **{
            UNTRANSLATED: Exists(Locale.objects.exclude(id__in=translated)),
            SYNC_SOURCE: Subquery(sources),
        }
    )


def _has_untranslated_locale(page: Page) -> bool:
    value = getattr(page, UNTRANSLATED, NOT_ANNOTATED)
    if value is not NOT_ANNOTATED:
        return value
    translated = (
        page.get_translations(inclusive=True)
        .filter(alias_of__isnull=True)
        .values_list("locale_id", flat=True)
    )
    return Locale.objects.exclude(id__in=translated).exists()


def _sync_source_id(page: Page) -> int | None:
    value = getattr(page, SYNC_SOURCE, NOT_ANNOTATED)
    if value is not NOT_ANNOTATED:
        return value
    source = TranslationSource.objects.get_for_instance_or_none(page)
    if source is not None and source.translations.filter(enabled=True).exists():
        return source.pk
    return None


def user_may_translate(user, page: Page) -> bool:
    return (
        not page.is_root()
        and user.has_perm("wagtail_localize.submit_translation")
        and page.permissions_for_user(user).can_edit()
    )


def translation_buttons(page: Page, user, view_name=None, next_url=None):
    """A register_page_listing_more_buttons and register_page_header_buttons
    hook."""
    if not user_may_translate(user, page):
        return
    if _has_untranslated_locale(page):
        # An alias is translated from the page it is an alias of.
        url = reverse(
            "wagtail_localize:submit_page_translation",
            args=[page.alias_of_id or page.pk],
        )
        yield Button(
            _("Translate this page"),
            url,
            priority=60,
            icon_name="wagtail-localize-language",
        )
    source_id = _sync_source_id(page)
    if source_id is not None:
        url = reverse("wagtail_localize:update_translations", args=[source_id])
        if next_url is not None:
            url += "?" + urlencode({"next": next_url})
        yield Button(_("Sync translated pages"), url, priority=60, icon_name="resubmit")


PAGE_BUTTON_HOOKS = (
    "register_page_listing_more_buttons",
    "register_page_header_buttons",
)


def localize_page_buttons_replace() -> None:
    """Take wagtail-localize's page button hook out of Wagtail's hook
    registry and register ours. wagtail-localize's hooks module is imported
    here first, so that it has registered its hook before we remove it (its
    app comes after ours in INSTALLED_APPS)."""
    from wagtail_localize import wagtail_hooks as localize_hooks

    theirs = localize_hooks.page_listing_more_buttons
    for name in PAGE_BUTTON_HOOKS:
        registered = hooks._hooks.get(name, [])
        registered[:] = [(fn, order) for fn, order in registered if fn is not theirs]
        hooks.register(name, translation_buttons)
