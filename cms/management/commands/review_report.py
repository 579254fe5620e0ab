from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.utils import translation

from cms.models import RegionPage
from cms.reviews.report import quarter_of, report_csv, review_report


class Command(BaseCommand):
    help = (
        "Write the quarterly review report for the steering group as HTML "
        "(table, trend chart, coverage matrix) and CSV."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quarter", help="e.g. 2026Q4 (default: this quarter)")
        parser.add_argument("--region", help="the region's slug (default: all)")
        parser.add_argument("--output", default=".", help="folder to write to")
        parser.add_argument(
            "--excel",
            action="store_true",
            help="CSV for Swedish Excel: ';'-separated UTF-8 with BOM",
        )

    def handle(self, *args, **options):
        from django.utils import timezone

        quarter = options["quarter"] or quarter_of(timezone.localdate())
        region = None
        if options["region"]:
            region = RegionPage.objects.filter(slug=options["region"]).first()
            if region is None:
                raise CommandError(f"No region {options['region']!r}")
        try:
            report = review_report(quarter=quarter, region=region)
        except ValueError as error:
            raise CommandError(str(error)) from error
        folder = Path(options["output"])
        folder.mkdir(parents=True, exist_ok=True)
        with translation.override("sv"):
            html = render_to_string(
                "samverkan_cms/reviews/report_page.html", {"report": report}
            )
        html_path = folder / f"granskning-{report.quarter}.html"
        csv_path = folder / f"granskning-{report.quarter}.csv"
        html_path.write_text(html, encoding="utf-8")
        variant = "excel-sv" if options["excel"] else "comma"
        csv_path.write_text(report_csv(report, variant=variant), encoding="utf-8")
        self.stdout.write(f"{html_path}\n{csv_path}")
