import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page

from cms.content.forms import OrganisationPageForm
from cms.content.previews import HeadlessPreviewMixin
from cms.content.validators import validate_municipality_code, validate_org_number
from cms.models.regions import FrontEndUrlMixin
from cms.scoping.permissions import OrganisationPagePermissionTester
from cms.scoping.visibility import VisibilityPageManager


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    AUTHORITY_OFFICE = "authority_office", _("Authority office")
    REGION = "region", _("Region")
    COUNTY_BOARD = "county_board", _("County administrative board")
    NGO = "ngo", _("Non-profit organisation")
    OTHER = "other", _("Other")


class OrganisationPage(FrontEndUrlMixin, HeadlessPreviewMixin, Page):
    """A municipality, authority office, region or NGO within a region.

    An organisation is a page so that Wagtail's page permissions, which pass
    down the tree, scope editing: each organisation's editors group holds
    rights on this page, and the organisation's content lives below it.
    """

    # .public() reads the restricted sections from the cache (cms.scoping.visibility).
    objects = VisibilityPageManager()

    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    org_number = models.CharField(
        _("organisation number"),
        max_length=11,
        blank=True,
        validators=[validate_org_number],
    )
    municipality_code = models.CharField(
        _("municipality code"),
        max_length=4,
        blank=True,
        validators=[validate_municipality_code],
        help_text=_("Statistics Sweden's four-digit code, for municipalities."),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True)
    member_since = models.DateField(
        _("member since"),
        null=True,
        blank=True,
        help_text=_("Empty if the organisation has never been a member."),
    )
    member_until = models.DateField(
        _("member until"),
        null=True,
        blank=True,
        help_text=_("Empty while the membership lasts."),
    )
    editors_group = models.ForeignKey(
        "auth.Group",
        verbose_name=_("editors group"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="samverkan_organisation",
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("media collection"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="samverkan_organisation",
    )

    base_form_class = OrganisationPageForm
    # Not copied with the page: a copy is another organisation. Its
    # translations (and aliases) in other languages share the original's
    # group, collection and page rights (cms.translations.rights), which is
    # why these are foreign keys and not one-to-one.
    exclude_fields_in_copy = ["editors_group", "collection"]
    central_only_fields = (
        "kind",
        "org_number",
        "municipality_code",
        "member_since",
        "member_until",
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("org_number")]),
        FieldPanel("municipality_code"),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("email"), FieldPanel("phone")],
            heading=_("Contact"),
        ),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("member_since"), FieldPanel("member_until")])],
            heading=_("Membership of the collaboration"),
        ),
    ]

    parent_page_types = ["samverkan_cms.RegionPage"]
    # Content types (interventions, news...) opt in through their own
    # parent_page_types, so no list of subpage types is kept here.

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def clean(self):
        super().clean()
        if (
            self.member_since
            and self.member_until
            and self.member_until < self.member_since
        ):
            raise ValidationError(
                {"member_until": _("The membership cannot end before it starts.")}
            )
        if self.municipality_code and self.kind != OrganisationKind.MUNICIPALITY:
            raise ValidationError(
                {
                    "municipality_code": _(
                        "Only municipalities have a municipality code."
                    )
                }
            )

    def is_member_on(self, day: datetime.date) -> bool:
        if self.member_since is None or self.member_since > day:
            return False
        return self.member_until is None or self.member_until >= day

    @property
    def is_member(self) -> bool:
        return self.is_member_on(timezone.localdate())

    def permissions_for_user(self, user):
        return OrganisationPagePermissionTester(user, self)
