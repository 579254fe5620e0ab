"""scripts/audit_deps.py: locked versions against OSV advisories (the
vendored PyPA snapshot), and the committed lock and snapshot themselves."""

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "audit_deps", ROOT / "scripts" / "audit_deps.py"
)
audit_deps = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit_deps)


def advisory(ident, name, events=(), versions=(), **extra):
    return {
        "id": ident,
        "aliases": [f"CVE-{ident}"],
        "affected": [
            {
                "package": {"ecosystem": "PyPI", "name": name},
                "ranges": [{"type": "ECOSYSTEM", "events": list(events)}],
                "versions": list(versions),
            }
        ],
        **extra,
    }


@pytest.fixture
def audit(tmp_path):
    """Run `check` offline over a lock file and a snapshot of our own."""

    def run(pins: dict, advisories: list, covered=None):
        lock = tmp_path / "requirements.lock"
        lock.write_text(
            "".join(
                f"{name}=={version} \\\n    --hash=sha256:{'0' * 64}\n"
                for name, version in pins.items()
            )
        )
        snapshot = tmp_path / "pypa.json"
        snapshot.write_text(
            json.dumps(
                {
                    "commit": "c" * 40,
                    "date": "2024-10-10",
                    "packages": list(covered if covered is not None else pins),
                    "advisories": advisories,
                }
            )
        )
        return audit_deps.main(
            ["check", "--offline", "--lock", str(lock), "--snapshot", str(snapshot)]
        )

    return run


def test_a_locked_version_inside_an_advisory_range_fails(audit, capsys):
    fake = advisory(
        "PYSEC-0000-1",
        "Fake_Package",  # names compare canonicalised
        events=[{"introduced": "0"}, {"fixed": "2.0.1"}],
    )

    assert audit({"fake-package": "2.0.0"}, [fake]) == 1
    out = capsys.readouterr().out
    assert "vulnerable: fake-package 2.0.0: PYSEC-0000-1" in out
    assert "fixed in 2.0.1" in out


def test_the_fixed_version_and_later_pass(audit):
    fake = advisory(
        "PYSEC-0000-1", "fake", events=[{"introduced": "0"}, {"fixed": "2.0.1"}]
    )

    assert audit({"fake": "2.0.1"}, [fake]) == 0
    assert audit({"fake": "3.0"}, [fake]) == 0


@pytest.mark.parametrize(
    ("version", "hit"),
    [
        ("5.2.5", True),
        ("5.2.6", False),
        ("6.0.5", True),
        ("6.0.6", False),
        ("1.9", False),
    ],
)
def test_ranges_of_several_branches(audit, version, hit):
    """Wagtail's style: one range per maintained branch, events unsorted."""
    fake = advisory(
        "PYSEC-0000-2",
        "fake",
        events=[
            {"introduced": "6.0"},
            {"fixed": "6.0.6"},
            {"introduced": "2.0"},
            {"fixed": "5.2.6"},
        ],
    )

    assert audit({"fake": version}, [fake]) == int(hit)


def test_last_affected_and_explicit_versions(audit):
    until = advisory(
        "PYSEC-0000-3", "fake", events=[{"introduced": "1.0"}, {"last_affected": "1.4"}]
    )
    listed = advisory("PYSEC-0000-4", "other", versions=["0.9.1"])

    assert audit({"fake": "1.4"}, [until]) == 1
    assert audit({"fake": "1.5"}, [until]) == 0
    assert audit({"other": "0.9.1"}, [listed]) == 1
    assert audit({"other": "0.9.2"}, [listed]) == 0


def test_withdrawn_advisories_and_other_packages_do_not_count(audit):
    withdrawn = advisory(
        "PYSEC-0000-5",
        "fake",
        events=[{"introduced": "0"}],
        withdrawn="2024-01-01T00:00:00Z",
    )
    elsewhere = advisory("PYSEC-0000-6", "not-ours", events=[{"introduced": "0"}])

    assert audit({"fake": "1.0"}, [withdrawn, elsewhere]) == 0


def test_a_package_the_snapshot_does_not_cover_fails(audit, capsys):
    assert audit({"fake": "1.0", "new-dependency": "2.0"}, [], covered=["fake"]) == 1
    assert "does not cover: new-dependency" in capsys.readouterr().out


def test_an_installed_version_that_differs_from_the_lock_fails(audit, capsys):
    assert audit({"pytest": "0.0.1"}, []) == 1
    assert "not the locked version: pytest: installed" in capsys.readouterr().out


def test_the_committed_lock_is_covered_and_installed():
    """What `make test` runs: the lock files, as installed here, have no
    known vulnerability in the vendored snapshot."""
    assert audit_deps.main(["check", "--offline"]) == 0


def test_every_requirement_of_pyproject_is_locked():
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = [*project["dependencies"]]
    for extra in ("dev", "postgres", "redis", "server"):
        wanted += project["optional-dependencies"][extra]
    locked = audit_deps.lock_read(ROOT / "requirements.lock")
    for line in wanted:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is not in requirements.lock: run make lock"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"{name}=={locked[name]} does not satisfy {requirement}: run make lock"
        )


def test_the_snapshot_age_is_printed_and_past_60_days_warned_loudly(audit, capsys):
    import datetime

    audit({"fake": "1.0"}, [])
    out = capsys.readouterr().out
    age = (datetime.date.today() - datetime.date(2024, 10, 10)).days
    assert f"the advisory snapshot is {age} days old" in out
    assert "WARNING" in out and "make audit-refresh" in out
    fresh = {"date": datetime.date.today().isoformat()}
    assert audit_deps.snapshot_age_days(fresh) == 0
    assert "WARNING" in audit_deps.snapshot_age_warning(61)


def test_the_docker_image_installs_the_runtime_lock_only():
    """The image installs exactly the audited runtime set: pinned, hashed,
    no dev tools, and nothing resolved again."""
    dockerfile = (ROOT / "docker" / "Dockerfile").read_text()
    assert "pip install --require-hashes --no-deps -r requirements-runtime.lock" in (
        dockerfile
    )
    installs = [line for line in dockerfile.splitlines() if "pip install" in line]
    assert all("--no-deps" in line for line in installs), installs
    runtime = audit_deps.lock_read(ROOT / "requirements-runtime.lock")
    full = audit_deps.lock_read(ROOT / "requirements.lock")
    for dev_tool in ("pytest", "ruff", "playwright", "schemathesis", "html5lib"):
        assert dev_tool not in runtime
    for needed in ("django", "wagtail", "celery", "psycopg", "gunicorn", "redis"):
        assert needed in runtime
    assert all(full.get(name) == version for name, version in runtime.items())
