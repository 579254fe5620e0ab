import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable
from wagtail.search import index


class GroupKind(models.TextChoices):
    STEERING = "steering", _("Steering group")
    PREPARATORY = "preparatory", _("Preparatory group")
    WORKING = "working", _("Working group")
    NETWORK = "network", _("Network")


class MembershipRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    MEMBER = "member", _("Member")
    DEPUTY = "deputy", _("Deputy")
    SECRETARY = "secretary", _("Secretary")
    CO_OPTED = "co_opted", _("Co-opted")


class CollaborationGroup(index.Indexed, ClusterableModel):
    """A steering group, preparatory group, working group or network of one
    region, with its members."""

    region = models.ForeignKey(
        "samverkan_cms.RegionPage",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="collaboration_groups",
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=GroupKind.choices)
    description = models.TextField(_("description"), blank=True)
    uuid = models.UUIDField(
        _("stable id"), default=uuid.uuid4, editable=False, unique=True
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        # The scoped chooser searches within pk__in=(the user's scope).
        index.FilterField("id"),
    ]

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["region_id", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                "region", "slug", name="samverkan_group_unique_slug_per_region"
            )
        ]

    def __str__(self):
        return self.name


class GroupMembership(Orderable):
    """A person's seat in a group, in a role, for a period."""

    group = ParentalKey(
        CollaborationGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    person = models.ForeignKey(
        "samverkan_cms.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=MembershipRole.choices,
        default=MembershipRole.MEMBER,
    )
    since = models.DateField(_("since"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.person.name}: {self.get_role_display()}"

    def clean(self):
        super().clean()
        if self.since and self.until and self.until < self.since:
            raise ValidationError(
                {"until": _("A membership cannot end before it starts.")}
            )
        group = getattr(self, "group", None)
        person = getattr(self, "person", None)
        if (
            group is not None
            and person is not None
            and group.region_id
            and not person.organisation.is_descendant_of(group.region)
        ):
            raise ValidationError(
                {
                    "person": _(
                        "The person must belong to an organisation in the group's region."
                    )
                }
            )
