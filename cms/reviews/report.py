"""The quarterly review report: per organisation the share of entries with
an owner, reviewed this quarter, overdue (per the ladder) and mean
completeness, and the exchange agreements it is party to; a coverage
matrix organisation x category, and the same per municipality served (a
municipality is served by an entry that lists it among the municipalities
served, by its own entry that lists none, and by an entry in which it has
an agreement running in the quarter); a trend per quarter. Computed in a
handful of queries."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from cms.content.dates import quarter_bounds, quarter_of
from cms.exchange.selectors import agreements_overlapping
from cms.infra.csv_export import csv_text
from cms.languages import SOURCE_LANGUAGE, language_name, translation_language_codes
from cms.models import (
    InterventionCategory,
    InterventionPage,
    InterventionStatus,
    OrganisationKind,
    OrganisationPage,
    ReviewEvent,
    ReviewSnooze,
)
from cms.reviews.ladder import is_overdue
from cms.statistics.report import reads_per_intervention
from cms.translations.selectors import translation_coverage


def previous_quarters(label: str, count: int) -> list[str]:
    start, _end = quarter_bounds(label)
    labels = []
    for _n in range(count):
        labels.append(quarter_of(start))
        start = quarter_bounds(quarter_of(start - datetime.timedelta(days=1)))[0]
    return list(reversed(labels))


@dataclass
class OrganisationRow:
    organisation: str
    total: int = 0
    with_owner: int = 0
    reviewed: int = 0
    overdue: int = 0
    completeness_sum: int = 0
    reads: int = 0  # on the public site and through the API, in the quarter
    never_read: int = 0
    # Exchange agreements running in the quarter, as provider and as taker.
    agreements_provided: int = 0
    places_provided: int = 0
    agreements_taken: int = 0
    places_taken: int = 0

    def share(self, count: int) -> float:
        return round(100 * count / self.total, 1) if self.total else 0.0

    @property
    def with_owner_share(self) -> float:
        return self.share(self.with_owner)

    @property
    def reviewed_share(self) -> float:
        return self.share(self.reviewed)

    @property
    def overdue_share(self) -> float:
        return self.share(self.overdue)

    @property
    def mean_completeness(self) -> float:
        return round(self.completeness_sum / self.total, 1) if self.total else 0.0


@dataclass
class ServedRow:
    """Entries that serve a municipality: its own, its neighbours' (listing
    it among the municipalities served), and those it takes places in by
    an agreement running in the quarter (an entry is counted once)."""

    municipality: str
    own: int = 0
    neighbours: int = 0
    by_agreement: int = 0

    @property
    def total(self) -> int:
        return self.own + self.neighbours + self.by_agreement


@dataclass
class Report:
    quarter: str
    as_of: datetime.date
    rows: list[OrganisationRow]
    categories: list[str]
    matrix: list[tuple[str, list[int]]]  # (organisation, count per category)
    trend: list[tuple[str, float]]  # (quarter, share reviewed in it)
    overdue_titles: list[tuple[str, str, datetime.date]] = field(default_factory=list)
    served: list[ServedRow] = field(default_factory=list)
    served_matrix: list[tuple[str, list[int]]] = field(default_factory=list)
    # Translation coverage: the translation languages (names), and per
    # organisation its entries and, per language, (translated, outdated).
    languages: list[str] = field(default_factory=list)
    translations: list[tuple[str, int, list[tuple[int, int]]]] = field(
        default_factory=list
    )

    @property
    def chart(self) -> list[dict]:
        """Bars of the trend chart (SVG, 110 px high at 100 %)."""
        bars = []
        for n, (label, share) in enumerate(self.trend):
            height = round(110 * share / 100)
            bars.append(
                {
                    "x": 20 + 80 * n,
                    "middle": 50 + 80 * n,
                    "y": 110 - height,
                    "height": height,
                    "text_y": max(12, 106 - height),
                    "label": label,
                    "share": share,
                }
            )
        return bars

    @property
    def chart_width(self) -> int:
        return 40 + 80 * len(self.trend)

    @property
    def totals(self) -> OrganisationRow:
        total = OrganisationRow(organisation="")
        for row in self.rows:
            total.total += row.total
            total.with_owner += row.with_owner
            total.reviewed += row.reviewed
            total.overdue += row.overdue
            total.completeness_sum += row.completeness_sum
            total.reads += row.reads
            total.never_read += row.never_read
            total.agreements_provided += row.agreements_provided
            total.places_provided += row.places_provided
            total.agreements_taken += row.agreements_taken
            total.places_taken += row.places_taken
        return total


def review_report(
    *, quarter: str, region=None, today: datetime.date | None = None, trend_quarters=4
) -> Report:
    start, end = quarter_bounds(quarter)
    as_of = min(today or timezone.localdate(), end)
    organisations = OrganisationPage.objects.live().filter(
        locale__language_code=SOURCE_LANGUAGE
    )
    if region is not None:
        organisations = organisations.descendant_of(region)
    organisations = list(
        organisations.order_by("title").values("pk", "title", "path", "kind")
    )
    by_path = {org["path"]: org for org in organisations}
    entries = list(
        InterventionPage.objects.live()
        .filter(locale__language_code=SOURCE_LANGUAGE)
        .exclude(status=InterventionStatus.ENDED)
        .values(
            "pk",
            "title",
            "path",
            "category_id",
            "completeness",
            "next_review_due",
            "responsible_owner_id",
            "responsible_owner__review_absence__id",
            "responsible_owner__user__is_active",
            "responsible_owner__email",
            "translation_key",
        )
    )
    steplen = InterventionPage.steplen
    entries = [e for e in entries if e["path"][:-steplen] in by_path]
    ids = {e["pk"] for e in entries}
    trend_labels = previous_quarters(quarter, trend_quarters)
    first = quarter_bounds(trend_labels[0])[0]
    reviewed_in = defaultdict(set)  # quarter -> ids
    for intervention_id, reviewed_at in ReviewEvent.objects.filter(
        reviewed_at__date__gte=first, reviewed_at__date__lte=end
    ).values_list("intervention_id", "reviewed_at"):
        if intervention_id in ids:
            day = timezone.localdate(reviewed_at)
            reviewed_in[quarter_of(day)].add(intervention_id)
    snoozes = {
        (row[0], row[1]): row[2]
        for row in ReviewSnooze.objects.values_list("intervention_id", "cycle", "until")
    }
    reads = reads_per_intervention(start=start, end=end, ids=ids)
    categories = list(InterventionCategory.objects.order_by("pk").values("pk", "name"))
    category_index = {c["pk"]: n for n, c in enumerate(categories)}

    rows = {
        org["path"]: OrganisationRow(organisation=org["title"]) for org in organisations
    }
    matrix = {org["path"]: [0] * len(categories) for org in organisations}
    overdue_titles = []
    for entry in entries:
        org_path = entry["path"][:-steplen]
        row = rows[org_path]
        row.total += 1
        row.completeness_sum += entry["completeness"]
        if (
            entry["responsible_owner_id"] is not None
            and entry["responsible_owner__review_absence__id"] is None
            and entry["responsible_owner__user__is_active"] is not False
            and entry["responsible_owner__email"]
        ):
            row.with_owner += 1
        if entry["pk"] in reviewed_in[quarter]:
            row.reviewed += 1
        entry_reads = sum(reads.get(entry["pk"], {}).values())
        row.reads += entry_reads
        row.never_read += entry_reads == 0
        due = entry["next_review_due"]
        effective = snoozes.get((entry["pk"], due), due)
        if is_overdue(due=effective, today=as_of):
            row.overdue += 1
            overdue_titles.append((by_path[org_path]["title"], entry["title"], due))
        if entry["category_id"] in category_index:
            matrix[org_path][category_index[entry["category_id"]]] += 1
    agreements = _count_agreements(
        rows, by_pk={org["pk"]: org for org in organisations}, start=start, end=end
    )
    served, served_matrix = _served(
        entries,
        organisations=organisations,
        agreements=agreements,
        category_index=category_index,
    )
    total = len(entries)
    trend = [
        (label, round(100 * len(reviewed_in[label]) / total, 1) if total else 0.0)
        for label in trend_labels
    ]
    languages = translation_language_codes()
    coverage = translation_coverage(
        keys_by_group={
            org["path"]: [
                e["translation_key"]
                for e in entries
                if e["path"][:-steplen] == org["path"]
            ]
            for org in organisations
        },
        languages=languages,
    )
    return Report(
        quarter=quarter,
        as_of=as_of,
        rows=list(rows.values()),
        categories=[c["name"] for c in categories],
        matrix=[(org["title"], matrix[org["path"]]) for org in organisations],
        trend=trend,
        overdue_titles=sorted(overdue_titles),
        served=served,
        served_matrix=served_matrix,
        languages=[language_name(code) for code in languages],
        translations=[
            (org["title"], rows[org["path"]].total, coverage[org["path"]])
            for org in organisations
        ],
    )


def _count_agreements(rows, *, by_pk, start, end) -> list[tuple[int, int]]:
    """Count the agreements running in the quarter into the rows of their
    provider and taker; return their (intervention, taker) pairs."""
    pairs = []
    for intervention_id, provider_id, taker_id, places in agreements_overlapping(
        start=start, end=end
    ).values_list("intervention_id", "provider_id", "taker_id", "places"):
        provider, taker = by_pk.get(provider_id), by_pk.get(taker_id)
        if provider is not None:
            rows[provider["path"]].agreements_provided += 1
            rows[provider["path"]].places_provided += places
        if taker is not None:
            rows[taker["path"]].agreements_taken += 1
            rows[taker["path"]].places_taken += places
            pairs.append((intervention_id, taker_id))
    return pairs


def _served(entries, *, organisations, agreements, category_index):
    """The rows and the coverage matrix per municipality served (see the
    module's docstring), in one query of the entries' service areas."""
    municipalities = [
        org for org in organisations if org["kind"] == OrganisationKind.MUNICIPALITY
    ]
    by_pk = {entry["pk"]: entry for entry in entries}
    listed = defaultdict(set)  # entry -> municipalities listed as served
    for (
        entry_id,
        organisation_id,
    ) in InterventionPage.service_area.through.objects.filter(
        interventionpage_id__in=by_pk
    ).values_list("interventionpage_id", "organisationpage_id"):
        listed[entry_id].add(organisation_id)
    steplen = InterventionPage.steplen
    owner_of = {org["path"]: org["pk"] for org in organisations}
    serving = defaultdict(dict)  # municipality -> {entry: how}
    for entry in entries:
        owner = owner_of.get(entry["path"][:-steplen])
        for municipality in listed[entry["pk"]] or {owner}:
            how = "own" if municipality == owner else "neighbours"
            serving[municipality][entry["pk"]] = how
    for entry_id, taker_id in agreements:
        if entry_id in by_pk:
            serving[taker_id].setdefault(entry_id, "by_agreement")
    rows, matrix = [], []
    for municipality in municipalities:
        row = ServedRow(municipality=municipality["title"])
        counts = [0] * len(category_index)
        for entry_id, how in serving[municipality["pk"]].items():
            setattr(row, how, getattr(row, how) + 1)
            category = by_pk[entry_id]["category_id"]
            if category in category_index:
                counts[category_index[category]] += 1
        rows.append(row)
        matrix.append((municipality["title"], counts))
    return rows, matrix


def report_csv(report: Report, *, variant: str = "comma") -> str:
    """The report as CSV (cms.infra.csv_export: no formulas; `excel-sv` for
    Swedish Excel)."""
    return csv_text(report_rows(report), variant=variant)


def report_rows(report: Report):
    yield ["kvartal", report.quarter, "per", report.as_of.isoformat()]
    yield [
        "organisation",
        "insatser",
        "med ansvarig (%)",
        "granskade i kvartalet (%)",
        "försenade",
        "försenade (%)",
        "genomsnittlig fullständighet",
        "läsningar i kvartalet",
        "aldrig lästa",
        "överenskommelser som anordnare",
        "platser som anordnare",
        "överenskommelser där den tar platser",
        "platser den tar",
    ]
    for row in [*report.rows, report.totals]:
        yield [
            row.organisation or "Totalt",
            row.total,
            row.with_owner_share,
            row.reviewed_share,
            row.overdue,
            row.overdue_share,
            row.mean_completeness,
            row.reads,
            row.never_read,
            row.agreements_provided,
            row.places_provided,
            row.agreements_taken,
            row.places_taken,
        ]
    yield []
    yield ["täckning", *report.categories]
    for organisation, counts in report.matrix:
        yield [organisation, *counts]
    yield []
    yield ["kommun som betjänas", "egna", "grannars", "genom överenskommelse", "totalt"]
    for served in report.served:
        yield [
            served.municipality,
            served.own,
            served.neighbours,
            served.by_agreement,
            served.total,
        ]
    yield []
    yield ["täckning per kommun som betjänas", *report.categories]
    for municipality, counts in report.served_matrix:
        yield [municipality, *counts]
    yield []
    yield ["kvartal", "granskade (%)"]
    for label, share in report.trend:
        yield [label, share]
