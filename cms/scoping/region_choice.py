"""The region an admin report shows: the user chooses among the regions
they administer (`?region=<id>`); a superuser may also choose every region
at once. Shared by the review report and the API usage report."""

from dataclasses import dataclass

from cms.models import RegionPage
from cms.scoping.selectors import regions_administered_by

EVERY_REGION = "all"


@dataclass(frozen=True)
class RegionChoice:
    regions: list  # the regions the user may choose, by title
    region: RegionPage | None  # the chosen one; None: every region
    may_choose_every_region: bool

    @property
    def value(self) -> str:
        return str(self.region.pk) if self.region is not None else EVERY_REGION

    @property
    def is_choice(self) -> bool:
        """Whether there is anything to choose between."""
        return len(self.regions) + self.may_choose_every_region > 1

    @property
    def shown(self) -> list:
        """The regions the report covers."""
        return self.regions if self.region is None else [self.region]


def region_choice_for(*, user, asked: str | None) -> RegionChoice:
    """The region `asked` for (an id, or "all"), if the user may see it;
    else every region for a superuser and the user's first region for
    anyone else."""
    if user.is_superuser:
        regions = list(RegionPage.objects.order_by("title"))
    else:
        regions = list(regions_administered_by(user=user).order_by("title"))
    by_id = {str(region.pk): region for region in regions}
    if asked in by_id:
        region = by_id[asked]
    elif user.is_superuser or not regions:
        region = None
    else:
        region = regions[0]
    return RegionChoice(
        regions=regions, region=region, may_choose_every_region=user.is_superuser
    )
