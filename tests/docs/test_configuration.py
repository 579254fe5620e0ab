"""Every environment variable the reference project reads is in the
configuration manual (docs/operations/configuration.md): the settings
modules' env()/env_bool()/env_list()/env_required() calls and os.environ
reads, and the Docker entrypoint's ${VAR:-default}s."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MANUAL = ROOT / "docs" / "operations" / "configuration.md"
PYTHON_READS = re.compile(
    r"""(?:\benv(?:_bool|_list|_required)?\(\s*|os\.environ(?:\.get)?[\[(]\s*)["']([A-Z][A-Z0-9_]+)["']"""
)
SHELL_READS = re.compile(r"\$\{([A-Z][A-Z0-9_]+):-")
# Read by the test settings and tools only, not by an installation.
NOT_FOR_OPERATORS = {"ENTRYPOINT_DRY_RUN", "PYTEST_XDIST_WORKER"}


def variables_read() -> set[str]:
    names = set()
    for module in [*ROOT.glob("config/**/*.py"), ROOT / "docker" / "entrypoint.sh"]:
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
