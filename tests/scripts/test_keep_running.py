"""scripts/keep-running.sh, which keeps the demo's worker and beat running
under honcho: a command that dies is started again; SIGTERM stops the
command and the script, and nothing is started after it."""

import signal
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "keep-running.sh"

# Each run appends a line, dies the first two times, then stays up.
COMMAND = """
echo run >> "$1"
[ "$(wc -l < "$1")" -ge 3 ] && exec sleep 60
exit 7
"""


def _wait_for(condition, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_a_dying_command_is_started_again_and_sigterm_stops_it(tmp_path):
    runs = tmp_path / "runs"
    runs.touch()
    process = subprocess.Popen(
        [str(SCRIPT), "sh", "-c", COMMAND, "sh", str(runs)],
        env={"PATH": "/usr/bin:/bin", "KEEP_RUNNING_DELAY": "0"},
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert _wait_for(lambda: len(runs.read_text().split()) == 3)
        time.sleep(0.3)
        assert process.poll() is None  # the third run stays up

        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    time.sleep(0.3)
    assert len(runs.read_text().split()) == 3  # not started again
    stderr = process.stderr.read()
    assert stderr.count("exited with status 7; starting it again") == 2
    assert process.returncode != 0  # the command was terminated


def test_without_a_command_it_says_how_to_use_it():
    result = subprocess.run([str(SCRIPT)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "usage:" in result.stderr
