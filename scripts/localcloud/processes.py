"""Start, track and stop the cloud's processes: each in its own session, with a PID file."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from pathlib import Path


class Processes:
    """The processes of one cloud directory: ``pids/<name>.pid`` and ``log/<name>.log``."""

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
        pid = int(path.read_text())
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            path.unlink()
            return None
        return pid

    def start(
        self, name: str, argv: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
    ) -> int:
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
            env={**os.environ, **(env or {})},
            cwd=cwd or self.root,
            start_new_session=True,
        )
        (self.pids / f"{name}.pid").write_text(str(process.pid))
        return process.pid

    def stop(self, *names: str, grace: float = 10.0) -> None:
        """Stop the process groups of ``names`` together: SIGTERM, then SIGKILL after ``grace``."""
        running = {name: pid for name in names if (pid := self.pid(name)) is not None}
        for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
            for pid in running.values():
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pid, sig)
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline and any(self._alive(p) for p in running.values()):
                time.sleep(0.1)
            running = {n: p for n, p in running.items() if self._alive(p)}
            if not running:
                break
        for name in names:
            (self.pids / f"{name}.pid").unlink(missing_ok=True)

    def names(self) -> list[str]:
        """Names with a PID file, in start order."""
        return [p.stem for p in sorted(self.pids.glob("*.pid"), key=lambda p: p.stat().st_mtime)]

    @staticmethod
    def _alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        try:  # reap our own child so it does not linger as a zombie
            finished, _ = os.waitpid(pid, os.WNOHANG)
            return finished == 0
        except ChildProcessError:
            return True


def wait_for_port(port: int, timeout: float = 60.0, name: str = "") -> None:
    """Block until something listens on 127.0.0.1:port."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(
        f"{name or 'service'} did not listen on 127.0.0.1:{port} within {timeout:.0f} s"
    )
