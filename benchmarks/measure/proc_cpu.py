"""CPU time of a process and its descendants, read from /proc/<pid>/stat
(Linux), for benchmarks that report what a request or a message costs each
server (gunicorn, PostgreSQL, Redis, a Celery worker, smtp-sink).

A tree's figure is utime + stime of every live process in it plus the
cutime + cstime its members collected from children that already exited
(PostgreSQL's backends, gunicorn's restarted workers), so connections that
came and went between two readings are counted too."""

import os
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may hold spaces.
    return text[text.rindex(")") + 2 :].split()


def _children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        fields = _stat(int(entry.name))
        if fields is not None:
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of `pid` and all its descendants."""
    children = _children()
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        fields = _stat(current)
        if fields is None:
            continue
        # After the name: state(0) ppid(1) ... utime(11) stime(12)
        # cutime(13) cstime(14).
        total += sum(int(value) for value in fields[11:15])
        todo += children.get(current, [])
    return total / TICKS


class CpuMeter:
    """CPU seconds spent by named process trees between start() and stop()."""

    def __init__(self, trees: dict[str, int]):
        self.trees = trees
        self.before: dict[str, float] = {}
        self.spent: dict[str, float] = {}

    def start(self) -> None:
        self.before = {name: tree_cpu_seconds(pid) for name, pid in self.trees.items()}

    def stop(self) -> dict[str, float]:
        self.spent = {
            name: round(tree_cpu_seconds(pid) - self.before[name], 3)
            for name, pid in self.trees.items()
        }
        return self.spent

    def per(self, count: int, *, unit: float = 1000.0) -> dict[str, float]:
        """Milliseconds (by default) of CPU per unit of work."""
        return {name: round(sec * unit / count, 3) for name, sec in self.spent.items()}


def postgres_pid() -> int | None:
    """The postmaster of the PostgreSQL that scripts/with-services.sh started."""
    data = os.environ.get("SAMVERKAN_PG_DATA")
    if not data:
        return None
    try:
        return int(Path(data, "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def redis_pid() -> int | None:
    data = os.environ.get("SAMVERKAN_PG_DATA")
    if not data:
        return None
    try:
        return int(Path(data).parent.joinpath("redis.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def pid_of_argument(argument: str) -> int | None:
    """The oldest process with `argument` on its command line (a server's
    master, started with a port of its own), or None."""
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            arguments = Path(entry.path, "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if argument.encode() in arguments:
            found.append(int(entry.name))
    return min(found) if found else None


def machine_busy_seconds() -> float:
    """CPU seconds every core of the machine has been busy since boot (all
    of /proc/stat's first line but idle and iowait): beside the servers'
    own figures it shows what the rest (the load generator, the system)
    took."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split()[1:9]]
    user, nice, system, idle, iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / TICKS
