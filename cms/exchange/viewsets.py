"""Admin of köp, byt och sälj: the organisation's seeks, the agreements it
is party to, and what the region's other organisations seek. Scoped like
every snippet (cms/viewsets/community.py): listings, forms, choosers and
every URL that names an object."""

from django import forms
from django.urls import path, reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _

from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.views.snippets import CreateView, SnippetViewSetGroup

from cms.exchange import selectors, views
from cms.exchange.forms import ExchangeAgreementForm, PlaceSeekForm
from cms.models import ExchangeAgreement, PlaceSeek
from cms.viewsets.community import ScopedSnippetViewSet


class PlaceSeekViewSet(ScopedSnippetViewSet):
    model = PlaceSeek
    scope = selectors.seeks_editable_by
    icon = "search"
    menu_label = _("Places we seek")
    edit_handler = ObjectList(
        [
            FieldPanel("organisation", widget=forms.Select),
            FieldPanel("title"),
            FieldPanel("status"),
            MultiFieldPanel(
                [
                    FieldPanel("category", widget=forms.Select),
                    FieldPanel("target_group"),
                    FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
                    FieldPanel("establishment_programme"),
                ],
                heading=_("Target group"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("places"),
                    FieldRowPanel(
                        [FieldPanel("period_start"), FieldPanel("period_end")]
                    ),
                    FieldRowPanel([FieldPanel("terms"), FieldPanel("max_price")]),
                    FieldPanel("only_serving"),
                ],
                heading=_("Places, period and terms"),
            ),
            FieldPanel("contact_person", widget=forms.Select),
        ],
        base_form_class=PlaceSeekForm,
    )
    list_display = [
        "title",
        Column("organisation", label=_("Organisation")),
        "status",
        "places",
        "period_start",
        "period_end",
    ]
    list_filter = ["status"]
    search_fields = ["title", "target_group"]
    search_backend_name = None  # the scope is a filter the index cannot apply
    ordering = ["-period_start", "title"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "offers/<str:pk>/",
                self._guard(views.seek_offers_view),
                name="offers",
            ),
        ]


class AgreementCreateView(CreateView):
    """The form opens filled in from a matching offer (?seek=&intervention=)."""

    def get_initial(self):
        return {
            **super().get_initial(),
            **views.agreement_initial(
                user=self.request.user,
                seek_id=self.request.GET.get("seek", ""),
                intervention_id=self.request.GET.get("intervention", ""),
            ),
        }


class ExchangeAgreementViewSet(ScopedSnippetViewSet):
    model = ExchangeAgreement
    scope = selectors.agreements_visible_to
    icon = "doc-full"
    menu_label = _("Agreements")
    add_view_class = AgreementCreateView
    edit_handler = ObjectList(
        [
            FieldPanel("intervention", widget=forms.Select),
            FieldPanel("taker", widget=forms.Select),
            FieldPanel("seek", widget=forms.Select),
            FieldRowPanel([FieldPanel("terms"), FieldPanel("places")]),
            FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
            FieldPanel("price_per_participant"),
            FieldPanel("note"),
        ],
        base_form_class=ExchangeAgreementForm,
    )
    list_display = [
        "intervention",
        Column("provider", label=_("Provider")),
        Column("taker", label=_("Taker")),
        "places",
        "period_start",
        "period_end",
        "terms",
        "price_per_participant",
    ]
    list_filter = ["terms"]
    search_backend_name = None
    ordering = ["-period_start", "pk"]


class SoughtByOthersMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("samverkan_cms.view_placeseek")


class ExchangeViewSetGroup(SnippetViewSetGroup):
    items = (PlaceSeekViewSet, ExchangeAgreementViewSet)
    menu_icon = "resubmit"
    menu_label = _("Buy, swap and sell")
    menu_name = "exchange"

    def get_submenu_items(self):
        return [
            *super().get_submenu_items(),
            SoughtByOthersMenuItem(
                _("Sought by others"),
                reverse_lazy("samverkan_exchange_sought"),
                name="sought-by-others",
                icon_name="list-ul",
                order=len(self.registerables) + 1,
            ),
        ]


def seek_offers_button(snippet, user, next_url=None):
    """ "Matching offers" on each row of the seeks listing."""
    if isinstance(snippet, PlaceSeek):
        yield ListingButton(
            _("Matching offers"),
            reverse(
                "wagtailsnippets_samverkan_cms_placeseek:offers", args=(snippet.pk,)
            ),
            icon_name="search",
            priority=5,
        )


def admin_urls():
    return [
        path("exchange/sought/", views.sought_view, name="samverkan_exchange_sought")
    ]
