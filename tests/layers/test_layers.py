"""The layer contracts of `make lint` (import-linter, pyproject.toml) and the
import-cycle check hold, and each fails on a deliberately wrong import.

Each failing case runs on a copy of the packages in a temporary directory,
so the tree under test is never touched."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["cms", "delivery", "demo", "newsletter", "sync", "web"]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _copy(tmp_path: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns(
                "templates", "static", "locale", "__pycache__", "*.mo", "*.po"
            ),
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts")
    return tmp_path


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )


def _import_cycles(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/import_cycles.py"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    return _copy(tmp_path_factory.mktemp("layers"))


def test_the_tree_keeps_every_contract_and_has_no_cycle():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"][
        "importlinter"
    ]["contracts"]
    assert f"{len(contracts)} kept, 0 broken" in result.stdout
    cycles = _import_cycles(ROOT)
    assert cycles.returncode == 0, cycles.stderr


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("cms/scratch_wrong.py", "import delivery.api.views\n", "cms imports none"),
        ("cms/scratch_wrong.py", "import newsletter.models\n", "cms imports none"),
        ("delivery/scratch_wrong.py", "import sync.models\n", "delivery imports none"),
        (
            "newsletter/scratch_wrong.py",
            "import web.views\n",
            "no app imports the public site",
        ),
        (
            "cms/models/scratch_wrong.py",
            "from cms.reviews import services\n",
            "models import no",
        ),
        (
            "newsletter/models/scratch_wrong.py",
            "import newsletter.views\n",
            "models import no",
        ),
    ],
)
def test_a_wrong_import_breaks_its_contract(tree, module, line, broken):
    scratch = tree / module
    scratch.write_text(line)
    try:
        result = _lint_imports(tree)
    finally:
        scratch.unlink()
    assert result.returncode != 0
    verdicts = [
        line for line in result.stdout.splitlines() if line.endswith(("KEPT", "BROKEN"))
    ]
    assert [v for v in verdicts if v.endswith("BROKEN")] == [
        v for v in verdicts if v.startswith(broken)
    ], result.stdout


def test_an_import_cycle_fails_the_cycle_check(tree):
    first, second = tree / "sync" / "scratch_a.py", tree / "sync" / "scratch_b.py"
    first.write_text("from sync import scratch_b\n")
    second.write_text("def f():\n    from sync import scratch_a\n")
    try:
        result = _import_cycles(tree)
    finally:
        first.unlink()
        second.unlink()
    assert result.returncode == 1
    assert "sync.scratch_a" in result.stderr and "sync.scratch_b" in result.stderr
