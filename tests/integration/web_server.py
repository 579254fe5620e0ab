"""The project served by a real gunicorn on a free loopback port, for tests
and benchmarks that need a web server of its own (not Django's test
client)."""

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn_serving(
    *, environment: dict, workers: int = 2, log_path: Path | None = None
) -> Iterator[str]:
    """Start gunicorn with `environment` added to ours; yield its base URL
    once it accepts connections; stop it at the end."""
    port = free_port()
    log = log_path.open("w") if log_path else subprocess.DEVNULL
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi:application",
            f"--workers={workers}",
            f"--bind=127.0.0.1:{port}",
            "--timeout=30",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env={**os.environ, **environment},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for_port(process, port)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log_path:
            log.close()


def _wait_for_port(process: subprocess.Popen, port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")
