"""Every environment variable the reference project reads is in the
configuration manual (docs/operations/configuration.md), and every variable
its tables name is read: the settings modules' env()/env_bool()/env_list()/
env_required() calls and os.environ reads, and the Docker entrypoint's
${VAR:-default}s. (ANYMAIL_<KEY> variables are read by their prefix.)"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MANUAL = ROOT / "docs" / "operations" / "configuration.md"
PYTHON_READS = re.compile(
    r"""(?:\benv(?:_bool|_list|_required)?\(\s*|os\.environ(?:\.get|\.setdefault)?[\[(]\s*)["']([A-Z][A-Z0-9_]+)["']"""
)
SHELL_READS = re.compile(r"\$\{([A-Z][A-Z0-9_]+):-")
# Read by the test settings and tools only, not by an installation.
NOT_FOR_OPERATORS = {"ENTRYPOINT_DRY_RUN", "PYTEST_XDIST_WORKER"}


def variables_read() -> set[str]:
    names = set()
    for module in [
        *ROOT.glob("config/**/*.py"),
        ROOT / "manage.py",
        ROOT / "docker" / "entrypoint.sh",
    ]:
        text = module.read_text(encoding="utf-8")
        names.update(PYTHON_READS.findall(text))
        names.update(SHELL_READS.findall(text))
    return names - NOT_FOR_OPERATORS


def test_the_scan_finds_the_variables():
    names = variables_read()
    assert {
        "DATABASE_URL",
        "DJANGO_SECRET_KEY",
        "REDIS_URL",
        "WEB_CONCURRENCY",
    } <= names
    assert "DB_WAIT_TIMEOUT" in names


def test_every_environment_variable_is_documented():
    manual = MANUAL.read_text(encoding="utf-8")
    missing = sorted(name for name in variables_read() if f"`{name}`" not in manual)
    assert not missing, f"not in {MANUAL.relative_to(ROOT)}: {', '.join(missing)}"


def test_every_documented_variable_is_read():
    documented = set()
    for line in MANUAL.read_text(encoding="utf-8").splitlines():
        if line.startswith("| `"):
            documented.update(re.findall(r"`([A-Z][A-Z0-9_]+)`", line.split("|")[1]))
    stale = sorted(
        name
        for name in documented - variables_read()
        if not name.startswith("ANYMAIL_")
    )
    assert not stale, (
        f"{MANUAL.relative_to(ROOT)} names variables nothing reads: {stale}"
    )
