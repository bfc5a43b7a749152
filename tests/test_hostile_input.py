"""Hostile files, for every kind of document souverain reads, through the real CLI.

Each case must end with exit 2 and one line naming the file and the cause: no traceback,
no hang, and a bounded peak memory (measured on the child process).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from souverain.documents import MAX_BYTES
from tests.conftest import PROJECT

pytestmark = pytest.mark.slow  # each case runs the CLI in a new process

SOUVERAIN = Path(sys.executable).parent / "souverain"
PEAK_MIB = 400
SECONDS = 30  # a loaded CI machine; the cases take well under a second each when idle

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)
DEEP = "a:\n" + "".join("  " * i + "b:\n" for i in range(1, 80)) + "  " * 80 + "c: 1\n"
CASES: dict[str, Callable[[Path], None] | bytes | None] = {
    "non-utf8": "name: caf\xe9\n".encode("latin-1"),
    "binary": bytes(range(256)) * 4,
    "deep": DEEP.encode(),
    "alias-bomb": BOMB.encode(),
    "oversized": None,  # written below: over MAX_BYTES
    "empty": b"",
    "directory": None,
    "missing": None,
}
EXPECTED = {
    "non-utf8": "is not UTF-8: byte 0xe9 at offset",
    "binary": "is not UTF-8: byte 0x80 at offset 128",
    "deep": "nests deeper than 64 levels",
    "alias-bomb": "expands to more than",
    "oversized": f"the limit is {MAX_BYTES:,} bytes",
    "empty": "is empty",
    "directory": "is a directory, not a file",
    "missing": "does not exist",
}


def write(case: str, path: Path) -> None:
    """Put the hostile content of ``case`` at ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if case == "directory":
        path.mkdir()
    elif case == "oversized":
        with path.open("wb") as out:
            out.write(b"# padding\n" * (MAX_BYTES // 10 + 1))
    elif case != "missing":
        data = CASES[case]
        assert isinstance(data, bytes)
        path.write_bytes(data)


def project(root: Path) -> Path:
    """A minimal valid project: the reference platform on the generic stack."""
    (root / "stacks").mkdir(parents=True)
    for name in ("Pulumi.yaml", "__main__.py", "reference_platform.py"):
        (root / name).write_text((PROJECT / name).read_text())
    (root / "stacks" / "Pulumi.generic.yaml").write_text(
        (PROJECT / "stacks" / "Pulumi.generic.yaml").read_text()
    )
    shutil.copytree(PROJECT / "catalog", root / "catalog")
    return root


# Each document kind: where the hostile file goes, and the command that reads it.
KINDS: dict[str, tuple[str, Callable[[Path, Path], list[str]]]] = {
    "description": ("bad.yaml", lambda root, f: ["validate", str(f)]),
    "project file": ("Pulumi.yaml", lambda root, f: ["plan", "-C", str(root), "-s", "generic"]),
    "stack file": (
        "stacks/Pulumi.hostile.yaml",
        lambda root, f: ["plan", "-C", str(root), "-s", "hostile"],
    ),
    "check config": (
        "check.yaml",
        lambda root, f: ["check", "-C", str(root), "-s", "generic", "--config", str(f)],
    ),
    "waiver file": (
        "waivers-hostile.yaml",
        lambda root, f: ["check", "-C", str(root), "-s", "generic", "--waivers", str(f)],
    ),
    "catalog profile": (
        "catalog/clouds/hostile.yaml",
        lambda root, f: ["catalog", "-C", str(root)],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_hostile_documents_fail_with_one_line_naming_the_file(tmp_path, monkeypatch, kind, case):
    if case == "missing" and kind in ("project file", "catalog profile"):
        pytest.skip(
            "not a file souverain is told to read: a project needs Pulumi.yaml, and a "
            "catalog is what its directory holds"
        )
    root = project(tmp_path / "project")
    relative, command = KINDS[kind]
    hostile = root / relative
    if hostile.exists():
        hostile.unlink()
    write(case, hostile)
    env = {**os.environ, "SOUVERAIN_USER_CATALOG": str(tmp_path / "user-catalog")}
    start = time.monotonic()
    errors = tmp_path / "stderr.txt"
    with errors.open("wb") as sink:
        child = subprocess.Popen(
            [str(SOUVERAIN), *command(root, hostile)],
            stdout=subprocess.DEVNULL,
            stderr=sink,
            env=env,
        )
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - start
    stderr = errors.read_text("utf-8", "replace")
    code = child.returncode
    peak = usage.ru_maxrss / 1024
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert code == 2, stderr
    assert "Traceback" not in stderr
    assert len(lines) == 1, stderr
    expected = "unknown stack 'hostile'" if (kind, case) == ("stack file", "missing") else None
    assert (expected or EXPECTED[case]) in lines[0], lines[0]
    if expected is None:
        assert hostile.name in lines[0], lines[0]
    assert seconds < SECONDS, f"{seconds:.1f} s"
    assert peak < PEAK_MIB, f"peak {peak:.0f} MiB"
