from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm


def pages_offered_to(user, pages):
    """Pages a form may offer the user to choose: every published, public
    page, and the pages the user may explore (their own organisation's,
    drafts included). Another organisation's never-published or private
    page is not offered: its name would leave through the public page that
    chose it."""
    public = pages.live().public()
    if user is None:
        return public
    from wagtail.permission_policies.pages import PagePermissionPolicy

    explorable = PagePermissionPolicy().explorable_instances(user).values("pk")
    return pages.filter(Q(pk__in=public.values("pk")) | Q(pk__in=explorable))


class OrganisationPageForm(WagtailAdminPageForm):
    """Fields that define the organisation's standing in the collaboration
    (kind, identifiers, membership) are read-only for its own editors."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from cms.scoping.permissions import user_is_central_for

        page = self.instance
        if self.for_user is None or page.pk is None:
            return
        if user_is_central_for(self.for_user, page):
            return
        for name in page.central_only_fields:
            if name in self.fields:
                self.fields[name].disabled = True


# Help for the intervention fields whose model gives none (set in the form,
# so no migration follows a change of wording).
INTERVENTION_HELP = {
    "title": _("The name people know it by, such as “SFI Tumba, kvällskurs”."),
    "description": _(
        "What participants do, how long it lasts and what it leads to. Short "
        "paragraphs; links to more information are welcome."
    ),
    "category": _("The kind of intervention; the list is kept centrally."),
    "status": _(
        "Active: open to participants. Temporarily closed: comes back. Ended: "
        "no longer offered (the newsletter no longer mentions it)."
    ),
    "eligibility": _(
        "Who may take part, in plain words: for example newly arrived adults "
        "registered with Arbetsförmedlingen."
    ),
    "min_age": _("Leave empty if there is no lower age limit."),
    "max_age": _("Leave empty if there is no upper age limit."),
    "establishment_programme": _(
        "Whether taking part requires the establishment programme of "
        "Arbetsförmedlingen."
    ),
    "service_area": _("The municipalities whose residents may take part."),
    "languages": _(
        "Every language the intervention is given or supported in; type in the "
        "box to find one."
    ),
    "delivery_mode": _("On site, remote, or both."),
    "start_date": _("Leave empty if it runs continuously."),
    "end_date": _("The last day; leave empty if it has no planned end."),
    "capacity": _("Places in total per intake or term; leave empty if unlimited."),
    "how_to_apply": _(
        "What a newcomer or case worker does to take part: whom to contact, a form, "
        "a referral."
    ),
    "exchange_terms": _(
        "Whether other municipalities may buy or swap places in this intervention."
    ),
    "price_per_participant": _(
        "What another municipality pays per participant, in SEK."
    ),
    "places_for_others": _("How many of the places other municipalities may use."),
    "contact_person": _("The person participants and case workers contact."),
    "contact_phone": _("A number that is answered during office hours."),
    "review_interval_months": _(
        "How often the entry is checked; you are reminded when it is due."
    ),
}


class InterventionPageForm(WagtailAdminPageForm):
    """Limits choices to the owning organisation and its region, and lets
    the editor say that this save is a review ("the entry is current")."""

    confirm_reviewed = forms.BooleanField(
        label=_("I have reviewed this entry and it is current"),
        required=False,
        help_text=_("Tick when you have checked every field; this records a review."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from cms.models import OrganisationKind, OrganisationPage, Person

        for name, text in INTERVENTION_HELP.items():
            if name in self.fields and not self.fields[name].help_text:
                self.fields[name].help_text = text
        organisation = self._organisation()
        if organisation is None:
            return
        region = organisation.get_parent()
        people = Person.objects.filter(organisation=organisation).order_by("name")
        organisations = OrganisationPage.objects.child_of(region).order_by("title")
        organisations = pages_offered_to(self.for_user, organisations)
        choices = {
            "responsible_owner": people,
            "contact_person": people,
            "provider": organisations,
            "service_area": organisations.filter(kind=OrganisationKind.MUNICIPALITY),
        }
        for name, queryset in choices.items():
            if name in self.fields:
                self.fields[name].queryset = queryset

    def _organisation(self):
        """The owning organisation in the source language: a translation's
        people, provider and areas are the Swedish organisation's (they are
        not translated), so its choices are those too."""
        from cms.models import OrganisationPage
        from cms.translations.selectors import page_source

        parent = self.parent_page
        if parent is None and self.instance.pk:
            parent = self.instance.get_parent()
        if parent is None:
            return None
        parent = (page_source(page=parent) or parent).specific
        return parent if isinstance(parent, OrganisationPage) else None

    def clean_confirm_reviewed(self):
        """The tick box follows the bulk action's rule: owner, coordinator
        or central administrator (user_may_mark_reviewed)."""
        from cms.reviews.selectors import user_may_mark_reviewed

        ticked = self.cleaned_data.get("confirm_reviewed")
        if not ticked or self.for_user is None:
            return ticked
        owner = self.data.get("responsible_owner")
        chosen = (
            self.fields["responsible_owner"].queryset.filter(pk=owner).first()
            if (owner and "responsible_owner" in self.fields)
            else None
        )
        if not user_may_mark_reviewed(
            user=self.for_user,
            page=self.instance,
            owner=chosen,
            organisation=self._organisation(),
        ):
            raise forms.ValidationError(
                _(
                    "Only the entry's responsible owner, its organisation's review "
                    "coordinator or a central administrator can record a review."
                )
            )
        return ticked

    def save(self, commit=True):
        page = super().save(commit=False)
        if self.cleaned_data.get("confirm_reviewed"):
            page.last_reviewed_at = timezone.now()
        if commit:
            page.save()
        return page


class MeetingPageForm(WagtailAdminPageForm):
    """The groups of the meeting's region can be chosen; an organisation's
    own editors choose among the groups their organisation takes part in
    (the group already set stays choosable)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from cms import selectors
        from cms.models import CollaborationGroup
        from cms.scoping.permissions import user_is_central_for

        parent = self.parent_page or (
            self.instance.get_parent() if self.instance.pk else None
        )
        if parent is None or "group" not in self.fields:
            return
        region = parent.get_parent()
        groups = CollaborationGroup.objects.filter(region_id=region.pk)
        if self.for_user is not None and not user_is_central_for(self.for_user, parent):
            taking_part = selectors.groups_taken_part_in(organisations=[parent.pk])
            groups = groups.filter(
                Q(pk__in=taking_part.values("pk")) | Q(pk=self.instance.group_id)
            )
        self.fields["group"].queryset = groups


class RegionChoicesPageForm(WagtailAdminPageForm):
    """Limits the organisations and interventions offered in the form to
    those of the page's region."""

    region_scoped_fields = (
        "partners",
        "related_organisations",
        "related_interventions",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parent = self.parent_page or (
            self.instance.get_parent() if self.instance.pk else None
        )
        if parent is None or parent.depth < 3:
            return
        region = parent.get_parent()
        for name in self.region_scoped_fields:
            if name in self.fields:
                field = self.fields[name]
                pages = field.queryset.descendant_of(region)
                field.queryset = pages_offered_to(self.for_user, pages).order_by(
                    "title"
                )
