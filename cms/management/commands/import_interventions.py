"""manage.py import_interventions FILE [--commit] [--no-progress]

Checks a CSV or XLSX file of interventions and prints a report by row and
column; only with --commit are the rows written (all or nothing; on
SQLite in batches, so the website can save meanwhile). Exits
non-zero when the file has errors. The columns are described in
docs/editors/import.md; the work is done by cms.importing.run.
"""

import sys

from tqdm import tqdm

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.importing.run import ImportFileError, run_import


class Command(BaseCommand):
    help = (
        "Import interventions from a CSV or XLSX file, matched on external_id. "
        "Only checks the file and reports problems unless --commit is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .csv or .xlsx file")
        parser.add_argument(
            "--commit",
            action="store_true",
            help="write the rows (all or nothing) instead of only checking them",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="do not show a progress bar"
        )

    def handle(self, *args, file, commit, no_progress, **options):
        show_progress = not no_progress and sys.stderr.isatty()
        try:
            report = run_import(
                file, commit=commit, progress=_progress_bar if show_progress else None
            )
        except ImportFileError as error:
            raise CommandError(str(error)) from error

        for issue in report.issues:
            line = _("%(level)s: row %(row)d, %(column)s: %(message)s") % {
                "level": _("Error") if issue.is_error else _("Warning"),
                "row": issue.row,
                "column": issue.column or "-",
                "message": issue.message,
            }
            style = self.style.ERROR if issue.is_error else self.style.WARNING
            self.stdout.write(style(line))
        self.stdout.write(
            _(
                "Rows: %(rows)d, new: %(created)d, updated: %(updated)d, "
                "unchanged: %(unchanged)d, errors: %(errors)d, warnings: %(warnings)d."
            )
            % {
                "rows": report.rows,
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "errors": len(report.errors),
                "warnings": len(report.warnings),
            }
        )
        if not report.ok and report.saved:
            raise CommandError(
                ngettext(
                    "Saving stopped at an error; the %(saved)d row before it "
                    "was saved (on SQLite the import is saved in batches).",
                    "Saving stopped at an error; the %(saved)d rows before it "
                    "were saved (on SQLite the import is saved in batches).",
                    report.saved,
                )
                % {"saved": report.saved}
            )
        if not report.ok:
            raise CommandError(_("The file has errors; nothing was saved."))
        if report.committed:
            self.stdout.write(self.style.SUCCESS(_("The import was saved.")))
        else:
            self.stdout.write(
                _("Dry run: nothing was saved. Run again with --commit to save.")
            )


def _progress_bar(items, *, total, desc):
    return tqdm(items, total=total, desc=desc, unit=" " + _("rows"), file=sys.stderr)
