"""Fresh projects from the templates, installed the way a team installs them.

souverain is not on PyPI yet: the session builds wheels of this workspace, and each
template's ``requirements.txt`` is installed into a fresh virtualenv with
``--find-links`` to them, PyPI giving the rest (pinned to this workspace's lock, so the uv
cache serves a warm run). That virtualenv also holds pip, so a workflow's own
``python -m pip install -r requirements.txt`` runs as in CI.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT

TEMPLATES = sorted(
    p.name for p in (PROJECT / "templates").iterdir() if (p / "Pulumi.yaml").is_file()
)


def uv() -> str:
    """The uv that runs this session (`make test`), else the Makefile's pinned one, else PATH's."""
    if os.environ.get("UV"):
        return os.environ["UV"]
    version = re.search(r"^UV_VERSION := (\S+)", (PROJECT / "Makefile").read_text(), re.M)
    pinned = (
        Path.home()
        / ".cache"
        / "souverain"
        / f"uv-{version.group(1) if version else ''}"
        / "bin"
        / "uv"
    )
    found = str(pinned) if pinned.is_file() else shutil.which("uv")
    if found is None:
        pytest.fail("uv is needed to build the workspace's wheels: run `make setup`")
    return found


def run(args: list[str], cwd: Path | None = None, env: dict[str, str] | None = None,
        timeout: int = 900) -> subprocess.CompletedProcess[str]:  # fmt: skip
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.fixture(scope="session")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Wheels of souverain and its adapters, built from this workspace."""
    out = tmp_path_factory.mktemp("wheels")
    result = run([uv(), "build", "--all-packages", "--wheel", "-o", str(out)], cwd=PROJECT)
    assert result.returncode == 0, result.stderr[-3000:]
    assert {p.name.split("-")[0] for p in out.glob("*.whl")} >= {"souverain", "souverain_openstack"}
    return out


@pytest.fixture(scope="session")
def constraints(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This workspace's locked versions, so template installs match what the tests ran."""
    path = tmp_path_factory.mktemp("lock") / "constraints.txt"
    result = run(
        [uv(), "export", "--frozen", "--all-packages", "--no-hashes", "--no-emit-workspace",
         "--no-header", "--format", "requirements.txt", "-o", str(path)],
        cwd=PROJECT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return path


@pytest.fixture(scope="session")
def venvs(tmp_path_factory, wheels, constraints):
    """A virtualenv per template, with its requirements installed from the wheels."""
    made: dict[str, Path] = {}

    def venv_for(template: str) -> Path:
        if template in made:
            return made[template]
        where = tmp_path_factory.mktemp(f"venv-{template}") / ".venv"
        result = run([uv(), "venv", "--python", sys.executable, str(where)])
        assert result.returncode == 0, result.stderr
        result = run(
            [uv(), "pip", "install", "--python", str(where / "bin" / "python"),
             "--find-links", str(wheels), "--constraint", str(constraints), "pip",
             "-r", str(PROJECT / "templates" / template / "requirements.txt")],
        )  # fmt: skip
        assert result.returncode == 0, result.stderr[-3000:]
        made[template] = where
        return where

    return venv_for


def project_env(venv: Path, wheels: Path, constraints: Path) -> dict[str, str]:
    """The environment a CI job gives the template's commands: its virtualenv first on PATH."""
    keep = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PULUMI_BACKEND", "VIRTUAL_ENV", "PYTHONPATH", "UV_"))
    }
    return {
        **keep,
        "PATH": f"{venv / 'bin'}:{keep.get('PATH', '')}",
        "VIRTUAL_ENV": str(venv),
        "PIP_FIND_LINKS": str(wheels),
        "PIP_CONSTRAINT": str(constraints),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }


from tests.engine.conftest import engine_bin  # noqa: E402,F401 - the engine build, for pulumi new
