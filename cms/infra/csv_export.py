"""The one CSV writer of every export (subscribers, review report,
deadlines): no cell can start a spreadsheet formula, and Swedish Excel gets
the file it opens.

- Cells that start with `=`, `+`, `-`, `@`, a tab or a carriage return are
  written with a leading `'` (OWASP, "CSV Injection"), so a spreadsheet
  shows them as text and they stay readable. Numbers, dates and booleans of
  our own are written as they are.
- Two variants: `comma` (RFC 4180, UTF-8, for programs) and `excel-sv`
  (`;`-separated UTF-8 with a byte-order mark and decimal commas, which
  Excel with Swedish settings opens correctly by a double click). A request
  picks one with `?csv=excel-sv`.
"""

import csv
import datetime
import io
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
VARIANTS = {"comma": (",", ""), "excel-sv": (";", "\ufeff")}


def csv_cell(value, *, decimal_comma: bool = False) -> str:
    """`value` as a CSV cell that no spreadsheet runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, float | Decimal) and decimal_comma:
        return str(value).replace(".", ",")
    if isinstance(value, bool | int | float | Decimal | datetime.date):
        return str(value)
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_variant(request) -> str:
    variant = request.GET.get("csv", "comma")
    return variant if variant in VARIANTS else "comma"


def csv_text(rows: Iterable[Iterable], *, variant: str = "comma") -> str:
    delimiter, bom = VARIANTS[variant]
    out = io.StringIO()
    out.write(bom)
    writer = csv.writer(out, delimiter=delimiter)
    for row in rows:
        writer.writerow(_cells(row, variant))
    return out.getvalue()


def _cells(row, variant: str) -> list[str]:
    decimal_comma = variant == "excel-sv"
    return [csv_cell(value, decimal_comma=decimal_comma) for value in row]


def csv_response(
    rows: Iterable[Iterable], *, filename: str, variant: str = "comma"
) -> HttpResponse:
    response = HttpResponse(
        csv_text(rows, variant=variant), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class _Echo:
    def write(self, value):
        return value


def csv_stream(rows: Iterable[Iterable], *, variant: str = "comma"):
    """The same, line by line (for a StreamingHttpResponse)."""
    delimiter, bom = VARIANTS[variant]
    writer = csv.writer(_Echo(), delimiter=delimiter)
    if bom:
        yield bom
    for row in rows:
        yield writer.writerow(_cells(row, variant))
