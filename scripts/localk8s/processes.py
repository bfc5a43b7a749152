"""Start, track and stop the cluster's processes: each in its own session, with a PID file.

A PID file holds the PID and the process's start time (from /proc), so a PID the kernel
has since given to some other program is never taken for ours, nor signalled.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from pathlib import Path


def _started(pid: int) -> str | None:
    """The start time of ``pid`` in clock ticks since boot, or None if it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return None
    return stat.rsplit(")", 1)[1].split()[19]


class Processes:
    """The processes of one cluster directory: ``pids/<name>.pid`` and ``log/<name>.log``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.pids = root / "pids"
        self.logs = root / "log"
        self.pids.mkdir(parents=True, exist_ok=True)
        self.logs.mkdir(parents=True, exist_ok=True)

    def pid(self, name: str) -> int | None:
        """The PID of a running process we started, or None."""
        path = self.pids / f"{name}.pid"
        if not path.exists():
            return None
        pid, started = path.read_text().split()
        if _started(int(pid)) != started or not self._alive(int(pid)):
            path.unlink()
            return None
        return int(pid)

    def start(self, name: str, argv: list[str]) -> int:
        """Start ``argv`` in a new session unless it already runs; return its PID."""
        running = self.pid(name)
        if running is not None:
            return running
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 - handed to the child
        process = subprocess.Popen(
            argv,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=self.root,
            start_new_session=True,
        )
        log.close()
        (self.pids / f"{name}.pid").write_text(f"{process.pid} {_started(process.pid)}\n")
        return process.pid

    def stop(self, name: str, grace: float = 20.0) -> None:
        """Stop the process group of ``name``: SIGTERM, then SIGKILL after ``grace`` seconds."""
        pid = self.pid(name)
        for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
            if pid is None or not self._alive(pid):
                break
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, sig)
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline and self._alive(pid):
                time.sleep(0.05)
        (self.pids / f"{name}.pid").unlink(missing_ok=True)

    def log_tail(self, name: str, lines: int = 20) -> str:
        """The last lines of a process's log, to show why it failed."""
        path = self.logs / f"{name}.log"
        if not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    @staticmethod
    def _alive(pid: int) -> bool:
        try:  # reap our own child so it does not linger as a zombie
            finished, _ = os.waitpid(pid, os.WNOHANG)
            if finished:
                return False
        except ChildProcessError:
            pass
        state = Path(f"/proc/{pid}/stat")
        try:
            return state.read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except FileNotFoundError:
            return False
