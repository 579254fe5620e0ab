"""Audit the pinned dependencies against known vulnerabilities.

    python scripts/audit_deps.py [check]      # what `make test` runs
    python scripts/audit_deps.py snapshot --git-dir DIR

`check` reads the lock files (requirements.lock, requirements-bench.lock)
and fails (exit 1) when

- a locked version is affected by an advisory of the vendored snapshot of
  the PyPA advisory database (security/advisories/pypa.json, OSV format:
  ECOSYSTEM ranges of introduced/fixed/last_affected events, and explicit
  version lists), or
- a package installed in this environment differs from its locked version
  (what is audited must be what runs), or
- the snapshot does not cover a locked package (run `snapshot` again).

Then it runs the real `pip-audit` against the OSV service when both are
there (pip-audit installed, api.osv.dev reachable) and reports plainly when
they are not. `snapshot` rebuilds the vendored file from a clone of
https://github.com/pypa/advisory-database (a git dir: bare or not), keeping
the advisories of the locked packages only.
"""

import argparse
import datetime
import importlib.metadata
import json
import re
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parent.parent
LOCK_FILES = [
    ROOT / "requirements.lock",
    ROOT / "requirements-bench.lock",
    ROOT / "requirements-runtime.lock",
]
# Past this many days the snapshot misses too much to be trusted quietly.
SNAPSHOT_MAX_AGE_DAYS = 60
SNAPSHOT = ROOT / "security" / "advisories" / "pypa.json"
OSV_HOST = "api.osv.dev"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")


@dataclass(frozen=True)
class Finding:
    package: str
    version: str
    advisory: str
    aliases: tuple[str, ...]
    fixed_in: tuple[str, ...]

    def __str__(self) -> str:
        aliases = f" ({', '.join(self.aliases)})" if self.aliases else ""
        fixed = ", ".join(self.fixed_in) or "no fixed version known"
        return (
            f"{self.package} {self.version}: {self.advisory}{aliases}; fixed in {fixed}"
        )


def lock_read(path: Path) -> dict[str, str]:
    """{canonical name: version} of the `name==version` pins of a lock file."""
    pins = {}
    for line in path.read_text().splitlines():
        match = PIN.match(line)
        if match:
            pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def _version(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None


def _in_range(version: Version, events: list[dict]) -> bool:
    """OSV's evaluation of an ECOSYSTEM range: walk the events in version
    order; `introduced` opens, `fixed` closes at that version,
    `last_affected` closes after it. "0" is before everything."""
    keyed = []
    for event in events:
        (kind, value), *_ = event.items()
        if kind == "limit":
            continue
        at = Version("0") if value == "0" else _version(value)
        if at is None:
            continue
        keyed.append((at, kind != "introduced", kind))
    affected = False
    for at, _order, kind in sorted(keyed):
        if kind == "introduced" and version >= at:
            affected = True
        elif version > at or (kind == "fixed" and version == at):
            affected = False  # fixed at or before it, or last affected before
    return affected


def advisory_hits(advisory: dict, name: str, version: str) -> bool:
    if advisory.get("withdrawn"):
        return False
    parsed = _version(version)
    for affected in advisory.get("affected", []):
        package = affected.get("package", {})
        if package.get("ecosystem") != "PyPI":
            continue
        if canonicalize_name(package.get("name", "")) != name:
            continue
        if version in affected.get("versions", []):
            return True
        for span in affected.get("ranges", []):
            if (
                span.get("type") == "ECOSYSTEM"
                and parsed
                and _in_range(parsed, span.get("events", []))
            ):
                return True
    return False


def _fixed_versions(advisory: dict, name: str) -> tuple[str, ...]:
    return tuple(
        event["fixed"]
        for affected in advisory.get("affected", [])
        if canonicalize_name(affected.get("package", {}).get("name", "")) == name
        for span in affected.get("ranges", [])
        if span.get("type") == "ECOSYSTEM"
        for event in span.get("events", [])
        if "fixed" in event
    )


def findings_for(pins: dict[str, str], advisories: list[dict]) -> list[Finding]:
    by_package: dict[str, list[dict]] = {}
    for advisory in advisories:
        for affected in advisory.get("affected", []):
            name = canonicalize_name(affected.get("package", {}).get("name", ""))
            by_package.setdefault(name, []).append(advisory)
    return [
        Finding(
            package=name,
            version=version,
            advisory=advisory["id"],
            aliases=tuple(advisory.get("aliases", [])),
            fixed_in=_fixed_versions(advisory, name),
        )
        for name, version in sorted(pins.items())
        for advisory in by_package.get(name, [])
        if advisory_hits(advisory, name, version)
    ]


def installed_drift(pins: dict[str, str]) -> list[str]:
    """Locked packages installed here at another version."""
    drift = []
    for distribution in importlib.metadata.distributions():
        name = canonicalize_name(distribution.metadata["Name"] or "")
        if name in pins and distribution.version != pins[name]:
            drift.append(
                f"{name}: installed {distribution.version}, locked {pins[name]}"
            )
    return sorted(drift)


def _osv_reachable() -> bool:
    try:
        socket.getaddrinfo(OSV_HOST, 443)
    except OSError:
        return False
    try:
        socket.create_connection((OSV_HOST, 443), timeout=5).close()
    except OSError:
        return False
    return True


def pip_audit_run(lock_files: list[Path]) -> int | None:
    """Exit code of pip-audit over the lock files, or None when it cannot
    run here (reason printed)."""
    tool = shutil.which("pip-audit") or shutil.which(
        "pip-audit", path=str(Path(sys.executable).parent)
    )
    if not tool:
        print("audit: pip-audit not installed; online audit skipped")
        return None
    if not _osv_reachable():
        print(f"audit: {OSV_HOST} not reachable; online audit skipped")
        return None
    command = [tool, "--vulnerability-service", "osv", "--disable-pip", "--no-deps"]
    for path in lock_files:
        command += ["--requirement", str(path)]
    return subprocess.run(command, check=False).returncode


def check(lock_files: list[Path], snapshot_path: Path, *, online: bool) -> int:
    snapshot = json.loads(snapshot_path.read_text())
    pins: dict[str, str] = {}
    for path in lock_files:
        pins.update(lock_read(path))
    problems = []
    uncovered = sorted(set(pins) - set(snapshot["packages"]))
    if uncovered:
        problems.append(
            "the advisory snapshot does not cover: "
            + ", ".join(uncovered)
            + " (run: python scripts/audit_deps.py snapshot --git-dir ...)"
        )
    problems += [
        f"not the locked version: {line} (run make again to reinstall)"
        for line in installed_drift(pins)
    ]
    findings = findings_for(pins, snapshot["advisories"])
    problems += [f"vulnerable: {finding}" for finding in findings]
    print(
        f"audit: {len(pins)} locked packages against {len(snapshot['advisories'])} "
        f"advisories of the PyPA advisory database as of {snapshot['date']} "
        f"({snapshot['commit'][:12]})"
    )
    age = snapshot_age_days(snapshot)
    print(f"audit: the advisory snapshot is {age} days old")
    if age > SNAPSHOT_MAX_AGE_DAYS:
        print(snapshot_age_warning(age))
    for problem in problems:
        print(f"audit: {problem}")
    status = 1 if problems else 0
    if online and pip_audit_run(lock_files):
        status = 1
    return status


def snapshot_age_days(snapshot: dict, today: datetime.date | None = None) -> int:
    """Days since the newest advisory database commit in the snapshot."""
    taken = datetime.datetime.fromisoformat(snapshot["date"]).date()
    return ((today or datetime.date.today()) - taken).days


def snapshot_age_warning(age: int) -> str:
    line = "!" * 72
    return (
        f"{line}\n"
        f"audit: WARNING: the advisory snapshot is {age} days old "
        f"(more than {SNAPSHOT_MAX_AGE_DAYS}).\n"
        "audit: Vulnerabilities published since then are NOT checked: a clean\n"
        "audit: result says nothing about them. Refresh it: make audit-refresh\n"
        f"{line}"
    )


def snapshot_build(git_dir: Path, lock_files: list[Path], out: Path) -> dict:
    """The advisories of the locked packages from a clone of
    pypa/advisory-database, with its commit and date."""
    import yaml

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "--git-dir", str(git_dir), *args],
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    commit, date = git("log", "-1", "--format=%H %cI", "HEAD").split()
    folders = {
        canonicalize_name(path.removeprefix("vulns/")): path
        for path in git("ls-tree", "--name-only", "HEAD", "vulns/").split()
    }
    names = set()
    for path in lock_files:
        names |= set(lock_read(path))
    advisories = []
    for name in sorted(names & set(folders)):
        for path in git("ls-tree", "-r", "--name-only", "HEAD", folders[name]).split():
            advisories.append(yaml.safe_load(git("show", f"HEAD:{path}")))
    snapshot = {
        "source": "https://github.com/pypa/advisory-database",
        "commit": commit,
        "date": date,
        "taken": datetime.date.today().isoformat(),
        "packages": sorted(names),
        "advisories": sorted(advisories, key=lambda a: a["id"]),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(snapshot, indent=1, default=str, sort_keys=True) + "\n")
    return snapshot


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "command", nargs="?", default="check", choices=["check", "snapshot"]
    )
    parser.add_argument(
        "--lock", type=Path, action="append", help="a lock file (repeatable)"
    )
    parser.add_argument("--snapshot", type=Path, default=SNAPSHOT)
    parser.add_argument(
        "--git-dir", type=Path, help="snapshot: a pypa/advisory-database clone"
    )
    parser.add_argument("--offline", action="store_true", help="check: skip pip-audit")
    args = parser.parse_args(argv)
    lock_files = args.lock or [path for path in LOCK_FILES if path.exists()]
    if args.command == "snapshot":
        if not args.git_dir:
            parser.error("snapshot needs --git-dir")
        built = snapshot_build(args.git_dir, lock_files, args.snapshot)
        print(
            f"audit: {len(built['advisories'])} advisories written to {args.snapshot}"
        )
        return 0
    return check(lock_files, args.snapshot, online=not args.offline)


if __name__ == "__main__":
    sys.exit(main())
