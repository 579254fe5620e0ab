"""The reads report: how often each intervention and each organisation's
interventions were read in a quarter (public site and delivery API), the
most read first, and which were never read. A few queries, whatever the
number of interventions."""

import datetime
import math
from dataclasses import dataclass, field

from django.db.models import Sum

from cms.content.dates import quarter_bounds
from cms.languages import SOURCE_LANGUAGE
from cms.models import InterventionPage, InterventionReadDay, ReadSource


def reads_per_intervention(
    *, start: datetime.date, end: datetime.date, ids=None
) -> dict[int, dict[str, int]]:
    """Reads per intervention id and source (web, api) between two days,
    both included; of the given ids only, when given."""
    rows = InterventionReadDay.objects.filter(day__gte=start, day__lte=end)
    if ids is not None:
        rows = rows.filter(intervention_id__in=ids)
    reads: dict[int, dict[str, int]] = {}
    for row in rows.values("intervention_id", "source").annotate(total=Sum("reads")):
        reads.setdefault(row["intervention_id"], {})[row["source"]] = row["total"]
    return reads


@dataclass
class InterventionReads:
    organisation_path: str
    pk: int
    title: str
    organisation: str
    web: int = 0
    api: int = 0

    @property
    def total(self) -> int:
        return self.web + self.api


@dataclass
class OrganisationReads:
    organisation: str
    interventions: int = 0
    web: int = 0
    api: int = 0
    never_read: int = 0

    @property
    def total(self) -> int:
        return self.web + self.api


@dataclass
class ReadsReport:
    quarter: str
    start: datetime.date
    end: datetime.date
    interventions: list[InterventionReads]  # most read first
    organisations: list[OrganisationReads] = field(default_factory=list)

    @property
    def never_read(self) -> list[InterventionReads]:
        return [row for row in self.interventions if row.total == 0]

    @property
    def read(self) -> list[InterventionReads]:
        return [row for row in self.interventions if row.total]

    @property
    def total(self) -> int:
        return sum(row.total for row in self.interventions)

    @property
    def chart(self) -> dict:
        """A horizontal bar chart of reads per organisation, in SVG user
        units: label column, bars, and an x axis with round ticks."""
        return bar_chart([(row.organisation, row.total) for row in self.organisations])


CHART_LABEL_WIDTH = 330
CHART_BAR_AREA = 420
CHART_ROW = 28
CHART_BAR = 18
CHART_TOP = 10


def bar_chart(rows: list[tuple[str, int]]) -> dict:
    peak = max((value for _label, value in rows), default=0)
    step = _nice_step(peak / 4) if peak else 1
    axis_max = step * max(1, math.ceil(peak / step))
    scale = CHART_BAR_AREA / axis_max
    axis_y = CHART_TOP + CHART_ROW * len(rows)
    bars = [
        {
            "label": label,
            "value": value,
            "y": CHART_TOP + CHART_ROW * n,
            "text_y": CHART_TOP + CHART_ROW * n + CHART_BAR - 4,
            "width": round(value * scale, 2),
            "value_x": round(CHART_LABEL_WIDTH + value * scale + 6, 2),
        }
        for n, (label, value) in enumerate(rows)
    ]
    ticks = [
        {"value": value, "x": round(CHART_LABEL_WIDTH + value * scale, 2)}
        for value in range(0, axis_max + 1, step)
    ]
    return {
        "bars": bars,
        "ticks": ticks,
        "label_width": CHART_LABEL_WIDTH,
        "bar_height": CHART_BAR,
        "axis_y": axis_y,
        "axis_end": CHART_LABEL_WIDTH + CHART_BAR_AREA,
        "tick_text_y": axis_y + 16,
        "title_y": axis_y + 36,
        "title_x": CHART_LABEL_WIDTH + CHART_BAR_AREA / 2,
        "width": CHART_LABEL_WIDTH + CHART_BAR_AREA + 60,
        "height": axis_y + 46,
    }


def _nice_step(rough: float) -> int:
    """1, 2 or 5 times a power of ten, at least `rough` (and at least 1)."""
    if rough <= 1:
        return 1
    magnitude = 10 ** math.floor(math.log10(rough))
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= rough:
            return int(factor * magnitude)
    return int(10 * magnitude)


def reads_report(*, quarter: str, organisations) -> ReadsReport:
    """Reads in the quarter ("2026Q4") of the live interventions of the
    given organisations (a queryset of OrganisationPage)."""
    start, end = quarter_bounds(quarter)
    orgs = list(organisations.order_by("title").values("path", "title"))
    by_path = {org["path"]: org["title"] for org in orgs}
    steplen = InterventionPage.steplen
    pages = [
        page
        for page in InterventionPage.objects.live()
        .filter(locale__language_code=SOURCE_LANGUAGE)
        .values("pk", "title", "path")
        if page["path"][:-steplen] in by_path
    ]
    reads = reads_per_intervention(
        start=start, end=end, ids=[page["pk"] for page in pages]
    )
    rows = [
        InterventionReads(
            organisation_path=page["path"][:-steplen],
            pk=page["pk"],
            title=page["title"],
            organisation=by_path[page["path"][:-steplen]],
            web=reads.get(page["pk"], {}).get(ReadSource.WEB, 0),
            api=reads.get(page["pk"], {}).get(ReadSource.API, 0),
        )
        for page in pages
    ]
    rows.sort(key=lambda row: (-row.total, row.title.lower(), row.pk))
    per_organisation = {
        org["path"]: OrganisationReads(organisation=org["title"]) for org in orgs
    }
    for row in rows:
        summary = per_organisation[row.organisation_path]
        summary.interventions += 1
        summary.web += row.web
        summary.api += row.api
        summary.never_read += row.total == 0
    return ReadsReport(
        quarter=quarter,
        start=start,
        end=end,
        interventions=rows,
        organisations=sorted(
            per_organisation.values(), key=lambda o: (-o.total, o.organisation)
        ),
    )


def reads_csv_rows(report: ReadsReport):
    """The report's interventions as CSV rows (cms.infra.csv_export), most read
    first, the never read last."""
    yield ["kvartal", report.quarter]
    yield ["insats", "organisation", "webbplatsen", "api", "läsningar"]
    for row in report.interventions:
        yield [row.title, row.organisation, row.web, row.api, row.total]
