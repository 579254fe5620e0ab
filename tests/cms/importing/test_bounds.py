"""Spreadsheet import within bounds of memory and time: the unpacked size
of an XLSX file (a crafted "zip bomb" of shared strings ends with a clear
message under a 512 MB memory cap), the row count, the cell size and the
run time; a cell PostgreSQL text cannot hold (NUL) and a row with more or
fewer cells than the header are errors of the dry run that name the row."""

import signal
import subprocess
import sys
import textwrap
import time
import traceback
import zipfile
from pathlib import Path

import pytest

from cms.importing.files import Deadline, ImportFileError, read_table
from cms.importing.run import run_import

ROOT = Path(__file__).resolve().parents[3]
HEADER = "external_id,organisation,title,summary"


def csv_file(tmp_path, *lines) -> Path:
    path = tmp_path / "insatser.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def errors_of(report) -> list[tuple[int, str]]:
    return [(issue.row, issue.message) for issue in report.errors]


def test_a_cell_postgresql_cannot_hold_is_a_row_error(tmp_path, org_a):
    path = csv_file(
        tmp_path,
        "x-1,botkyrka,SFI,Kort.",
        "x-2,botkyrka,S\x00FI,Kort.",
    )
    report = run_import(path)
    assert [row for row, message in errors_of(report) if "NUL" in message] == [3]


def test_rows_with_more_or_fewer_cells_than_headers_are_named(tmp_path, org_a):
    path = csv_file(
        tmp_path,
        "x-1,botkyrka,SFI,Kort.",
        "x-2,botkyrka,SFI,Kort.,extra",
        "x-3,botkyrka,SFI",
        "x-4,botkyrka,SFI,Kort.,,",  # empty cells past the end are harmless
    )
    report = run_import(path)
    errors = [(issue.row, issue.message) for issue in report.errors if not issue.column]
    assert [row for row, _ in errors] == [3, 4]
    assert errors[0][1] == "Rad 3 har 5 celler men rubrikraden har 4 kolumner."


def test_cell_size_row_count_and_run_time(tmp_path, org_a, settings):
    settings.SAMVERKAN_IMPORT = {"MAX_CELL_CHARS": 10}
    report = run_import(csv_file(tmp_path, "x-1,botkyrka,SFI," + "a" * 11))
    assert [
        (issue.row, issue.column) for issue in report.errors if "10" in issue.message
    ] == [(2, "summary")]

    settings.SAMVERKAN_IMPORT = {"MAX_ROWS": 3}
    rows = [f"x-{n},botkyrka,SFI,Kort." for n in range(4)]
    with pytest.raises(ImportFileError, match="3"):
        read_table(csv_file(tmp_path, *rows))
    read_table(csv_file(tmp_path, *rows[:3]))  # at the bound: fine

    settings.SAMVERKAN_IMPORT = {"MAX_SECONDS": 0}
    with pytest.raises(ImportFileError):
        run_import(csv_file(tmp_path, *rows))


def xlsx_bomb(path: Path, unpacked_bytes: int) -> Path:
    """A real workbook whose shared strings unpack to `unpacked_bytes`
    (a few MB on disk)."""
    from openpyxl import Workbook

    plain = path.with_name("plain.xlsx")
    workbook = Workbook()
    workbook.active.append(["external_id", "organisation", "title"])
    workbook.active.append(["x-1", "botkyrka", "SFI"])
    workbook.save(plain)
    chunk = b"A" * (1 << 20)
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(
            path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9
        ) as bomb,
    ):
        for info in source.infolist():
            if info.filename != "xl/sharedStrings.xml":
                bomb.writestr(info, source.read(info))
        with bomb.open("xl/sharedStrings.xml", "w", force_zip64=True) as out:
            out.write(b'<?xml version="1.0"?><sst xmlns="http://schemas.openxml')
            out.write(b'formats.org/spreadsheetml/2006/main"><si><t>')
            for _ in range(unpacked_bytes // len(chunk)):
                out.write(chunk)
            out.write(b"</t></si></sst>")
    return path


def test_an_xlsx_bomb_ends_with_a_clear_message_under_512_mb(tmp_path):
    bomb = xlsx_bomb(tmp_path / "bomb.xlsx", 1 << 30)  # 1 GiB unpacked
    assert bomb.stat().st_size < 5 * 1024 * 1024
    script = textwrap.dedent(
        f"""
        import os, resource, sys
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
        import django
        django.setup()
        from cms.importing.files import ImportFileError, read_table
        cap = 512 * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        try:
            read_table({str(bomb)!r})
        except ImportFileError as error:
            print("refused:", error)
            sys.exit(0)
        except MemoryError:
            print("MemoryError")
            sys.exit(2)
        print("read it all")
        sys.exit(3)
        """
    )
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr[-1500:]
    assert "refused:" in result.stdout and "1,0" in result.stdout.replace(".", ",")
    assert time.monotonic() - started < 60


SHARED_STRINGS_PART = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)


def xlsx_with_many_strings(path: Path, count: int) -> Path:
    """A workbook whose shared-string table holds `count` strings, which
    openpyxl parses in full when it opens the file, before any row."""
    plain = xlsx_bomb(path.with_name("small.xlsx"), 0)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":  # where openpyxl looks
                data = data.replace(b"</Types>", SHARED_STRINGS_PART + b"</Types>")
            if info.filename != "xl/sharedStrings.xml":
                out.writestr(info, data)
        strings = b"".join(b"<si><t>s%d</t></si>" % n for n in range(count))
        out.writestr(
            "xl/sharedStrings.xml",
            b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main">' + strings + b"</sst>",
        )
    return path


def test_the_run_time_bound_ends_the_parsing_of_a_workbook(tmp_path, settings):
    """The deadline ends openpyxl's parsing of the shared strings, which no
    check between rows reaches: the error comes from inside openpyxl."""
    workbook = xlsx_with_many_strings(tmp_path / "many.xlsx", 300_000)
    settings.SAMVERKAN_IMPORT = {"MAX_SECONDS": 0.05}

    with pytest.raises(ImportFileError) as raised:
        read_table(workbook)

    assert str(raised.value) == str(Deadline(0.05).error())
    frames = [frame.f_code.co_filename for frame, _ in traceback.walk_tb(raised.tb)]
    assert any("/openpyxl/" in name for name in frames), frames
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0  # no timer left running
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL
