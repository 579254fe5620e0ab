"""Reading an intervention import file (CSV or XLSX) into a table of cells.

CSV files may be UTF-8 (with or without the byte-order mark Excel writes) or
Windows-1252, separated by ',', ';' (Swedish Excel) or tabs; the separator is
the one the header row uses most. Of an XLSX workbook the first sheet is read.
The first row holds the column names; entirely empty rows are skipped but
keep their place in the numbering, so row numbers match the spreadsheet.
"""

import contextlib
import csv
import io
import re
import signal
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from cms.importing.conf import import_setting
from cms.importing.values import text

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_ENCODINGS = ("utf-8-sig", "cp1252")
CSV_DELIMITERS = (",", ";", "\t")
# The whole file is read into memory: a bound on what one import may hold.
MAX_FILE_BYTES = 20 * 1024 * 1024


class Deadline:
    """The import's run-time bound; `check()` raises when it has passed."""

    def __init__(self, seconds: float | None = None):
        seconds = import_setting("MAX_SECONDS") if seconds is None else seconds
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.ends:
            raise self.error()

    def error(self) -> "ImportFileError":
        return ImportFileError(
            _(
                "The import took longer than %(seconds)s seconds; split the "
                "file into smaller files."
            )
            % {"seconds": int(self.seconds)}
        )

    @contextlib.contextmanager
    def enforced(self):
        """Also end work that never reaches a `check()`: openpyxl parsing a
        workbook's shared strings when it opens it. A timer signal (SIGALRM)
        raises the deadline's error wherever the work is. Only in a
        process's main thread with no timer of its own (the import command,
        a Celery prefork worker); elsewhere the checks between rows and the
        unpacked-size bound are what bound the time."""
        usable = (
            hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL)[0] == 0
        )
        if not usable:
            yield
            return

        def time_up(signum, frame):
            raise self.error()

        previous = signal.signal(signal.SIGALRM, time_up)
        signal.setitimer(signal.ITIMER_REAL, max(self.ends - time.monotonic(), 1e-3))
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


# Swedish (and other) column names, written as `column_key` returns them.
HEADER_ALIASES = {
    "extern_id": "external_id",
    "externt_id": "external_id",
    "organization": "organisation",
    "titel": "title",
    "namn": "title",
    "sammanfattning": "summary",
    "beskrivning": "description",
    "kategori": "category",
    "malgrupp": "eligibility",
    "vem_kan_delta": "eligibility",
    "min_alder": "min_age",
    "lagsta_alder": "min_age",
    "max_alder": "max_age",
    "hogsta_alder": "max_age",
    "etableringsprogrammet": "establishment_programme",
    "etableringsprogram": "establishment_programme",
    "kommuner": "service_area",
    "sprak": "languages",
    "genomforande": "delivery_mode",
    "startdatum": "start_date",
    "slutdatum": "end_date",
    "platser": "capacity",
    "kapacitet": "capacity",
    "sa_ansoker_du": "how_to_apply",
    "ansokan": "how_to_apply",
    "kostnad": "cost_description",
    "utbyte": "exchange_terms",
    "pris": "price_per_participant",
    "pris_per_deltagare": "price_per_participant",
    "platser_for_andra": "places_for_others",
    "kontakt_e_post": "contact_email",
    "kontakt_epost": "contact_email",
    "kontakt_telefon": "contact_phone",
    "telefon": "contact_phone",
    "agare_e_post": "owner_email",
    "agare_epost": "owner_email",
    "ansvarig_e_post": "owner_email",
    "ansvarig_epost": "owner_email",
    "kontaktperson_e_post": "contact_person_email",
    "kontaktperson_epost": "contact_person_email",
    "senast_granskad": "last_reviewed",
}


class ImportFileError(Exception):
    """The file cannot be read at all; str(error) says why."""


@dataclass
class Table:
    headers: list[str]  # as written in the file
    rows: list[tuple[int, list]]  # (row number in the file, cells)


def column_key(header: str) -> str:
    """The column a header names: lower case, å/ä/ö folded, other characters
    as '_', Swedish aliases resolved ("Kontakt e-post" -> "contact_email")."""
    folded = text(header).lower().translate(str.maketrans("åäö", "aao"))
    key = re.sub(r"[^a-z0-9]+", "_", folded).strip("_")
    return HEADER_ALIASES.get(key, key)


def file_too_large_message(limit_bytes: int) -> str:
    return _("The file is larger than %(limit)s; split it into smaller files.") % {
        "limit": filesizeformat(limit_bytes)
    }


def file_problem(*, name: str, size: int) -> str | None:
    """Why a file of this name and size cannot be imported at all, or None
    (also asked of an upload before it is stored)."""
    if size > MAX_FILE_BYTES:
        return file_too_large_message(MAX_FILE_BYTES)
    suffix = Path(name).suffix.lower()
    if suffix not in CSV_SUFFIXES + XLSX_SUFFIXES:
        return _("Unsupported file type “%(suffix)s”: use .csv or .xlsx.") % {
            "suffix": suffix
        }
    return None


def read_table(path, *, deadline: Deadline | None = None) -> Table:
    """The file's header and rows, within the import's bounds (file size,
    unpacked size, rows, cell size, run time): ImportFileError otherwise."""
    deadline = deadline or Deadline()
    path = Path(path)
    if not path.is_file():
        raise ImportFileError(_("No such file: %(path)s") % {"path": path})
    problem = file_problem(name=path.name, size=path.stat().st_size)
    if problem:
        raise ImportFileError(problem)
    with deadline.enforced():
        if path.suffix.lower() in CSV_SUFFIXES:
            rows = _bounded(_csv_rows(path), deadline)
        else:
            rows = _bounded(_xlsx_rows(path), deadline)
    if not rows or not any(text(cell) for cell in rows[0]):
        raise ImportFileError(_("The file has no header row."))
    body = [
        (number, cells)
        for number, cells in enumerate(rows[1:], start=2)
        if any(text(cell) for cell in cells)
    ]
    return Table(headers=[text(cell) for cell in rows[0]], rows=body)


def _decode(data: bytes) -> str:
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_("The file is neither UTF-8 nor Windows-1252 text."))


def _delimiter(content: str) -> str:
    header = content.split("\n", 1)[0]
    return max(CSV_DELIMITERS, key=header.count)


def _bounded(rows, deadline: Deadline) -> list[list]:
    """The rows, stopping at the row-count bound and the deadline."""
    limit = import_setting("MAX_ROWS")
    table = []
    for row in rows:
        if len(table) > limit:  # the header row is not counted
            raise ImportFileError(
                _("The file has more than %(limit)s rows; split it into smaller files.")
                % {"limit": limit}
            )
        if len(table) % 500 == 0:
            deadline.check()
        table.append(row)
    deadline.check()
    return table


def _csv_rows(path: Path):
    content = _decode(path.read_bytes())
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=_delimiter(content))
    try:
        for row in reader:
            yield list(row)
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file cannot be read: %(error)s") % {"error": error}
        ) from error


def _xlsx_unpacked_check(path: Path) -> None:
    """Refuse a workbook that unpacks to more than the bound, before any
    XML is parsed. (Python's zipfile never unpacks a part past the size its
    directory declares, so the declared sizes are the bound.)"""
    limit = import_setting("MAX_UNPACKED_BYTES")
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise ImportFileError(
            _("The XLSX file cannot be read: %(error)s") % {"error": error}
        ) from error
    if unpacked > limit:
        raise ImportFileError(
            _(
                "The XLSX file unpacks to %(size)s, more than %(limit)s; "
                "split it into smaller files."
            )
            % {"size": filesizeformat(unpacked), "limit": filesizeformat(limit)}
        )


def _xlsx_rows(path: Path):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    _xlsx_unpacked_check(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
        raise ImportFileError(
            _("The XLSX file cannot be read: %(error)s") % {"error": error}
        ) from error
    try:
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            yield list(row)
    finally:
        workbook.close()


# What PostgreSQL text cannot hold: NUL, and lone surrogates (not UTF-8).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def cell_problem(value) -> str | None:
    """Why a cell cannot be imported, or None."""
    if not isinstance(value, str):
        return None
    if len(value) > import_setting("MAX_CELL_CHARS"):
        return _("The cell has more than %(limit)s characters.") % {
            "limit": import_setting("MAX_CELL_CHARS")
        }
    if _UNSTORABLE.search(value):
        return _("The cell holds a character that cannot be stored (such as NUL).")
    return None
