"""Admin forms of köp, byt och sälj: every choice is limited to what the
user may pick (cms/exchange/selectors.py), and an agreement is recorded
only by a party to it or the region's central administrators."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms.exchange import selectors
from cms.scoping.permissions import user_can_change_page_subtree
from cms.scoping.selectors import organisations_editable_by, people_editable_by
from cms.viewsets.community import ScopedForeignKeyForm


def _seeks_choosable_by(*, user):
    from cms.models import PlaceSeek

    return (
        PlaceSeek.objects.filter(
            pk__in=selectors.seeks_editable_by(user=user).values("pk")
        )
        | PlaceSeek.objects.filter(
            pk__in=selectors.seeks_published_to(user=user).values("pk")
        )
    ).select_related("organisation")


class PlaceSeekForm(ScopedForeignKeyForm):
    scoped_fields = {
        "organisation": organisations_editable_by,
        "contact_person": people_editable_by,
    }


class ExchangeAgreementForm(ScopedForeignKeyForm):
    scoped_fields = {
        "intervention": selectors.offers_open_to,
        "taker": selectors.organisations_in_regions_of,
        "seek": _seeks_choosable_by,
    }

    def clean(self):
        cleaned = super().clean()
        user = self.for_user
        intervention, taker = cleaned.get("intervention"), cleaned.get("taker")
        parties = [page for page in (intervention, taker) if page is not None]
        if (
            user is not None
            and len(parties) == 2
            and not any(user_can_change_page_subtree(user, page) for page in parties)
        ):
            raise ValidationError(
                _(
                    "You can record an agreement only when your organisation "
                    "offers the places or takes them."
                )
            )
        return cleaned

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "seek" in self.fields:
            self.fields["seek"].label_from_instance = lambda seek: seek.display_title

    def save(self, commit=True):
        if self.instance.pk is None and self.for_user is not None:
            self.instance.created_by = self.for_user
        return super().save(commit=commit)
