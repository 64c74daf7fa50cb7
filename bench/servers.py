"""Streamlit servers for the benchmark: one per app, on 127.0.0.1, free port, temporary working directory.

Every server runs in its own process group and is killed when its context manager exits, also on error.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = {
    "app": ROOT / "app.py",
    "hello": ROOT / "bench" / "apps" / "hello.py",
    "naive": ROOT / "bench" / "apps" / "naive.py",
    "variants": ROOT / "bench" / "apps" / "mapvariants.py",
}
START_TIMEOUT_S = 90


@dataclass
class Server:
    name: str
    base: str
    proc: subprocess.Popen
    log: Path

    def rss_bytes(self) -> int:
        """Resident set size of the server process (the Streamlit process itself), from /proc."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        raise RuntimeError(f"no VmRSS for pid {self.proc.pid}")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(
    proc: subprocess.Popen,
    base: str,
    timeout_s: float,
    log_text: Callable[[], str],
    *,
    interval: float = 0.2,
    name: str = "streamlit",
) -> None:
    """Return once ``base`` answers ``/_stcore/health``; raise RuntimeError (with the log, ``log_text()``) if
    the process exits first or ``timeout_s`` passes. The one start-up wait of the tests and benchmarks."""
    deadline = time.monotonic() + timeout_s
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"{name}: exited with {proc.returncode}:\n{log_text()}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{name}: no answer in {timeout_s:.0f} s:\n{log_text()}")
        time.sleep(interval)


def stop(proc: subprocess.Popen) -> None:
    """Stop a server started in its own session: SIGTERM to its group, SIGKILL after 10 s."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@contextlib.contextmanager
def streamlit_server(name: str, script: Path | None = None) -> Iterator[Server]:
    """``streamlit run <app>`` for one of :data:`APPS` (or ``script``), answered on ``/_stcore/health``."""
    script = script if script is not None else APPS[name]
    with tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as cwd:
        port = free_port()
        log_path = Path(cwd) / "streamlit.log"
        cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--server.enableStaticServing",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ]
        with log_path.open("wb") as log:
            proc = subprocess.Popen(
                cmd, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
            try:
                base = f"http://127.0.0.1:{port}"
                wait_healthy(proc, base, START_TIMEOUT_S, log_path.read_text, name=name)
                yield Server(name=name, base=base, proc=proc, log=log_path)
            finally:
                stop(proc)
